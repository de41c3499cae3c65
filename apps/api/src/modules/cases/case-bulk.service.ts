import { canTransition, type CaseStatus } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { CasesService } from './cases.service';
import type { BulkCaseActionDto, BulkResultDto } from './dto/bulk.dto';

/**
 * Bulk assign and bulk close, one case at a time through the same rules, timeline and audit
 * as single edits. Each case succeeds or fails on its own and the answer says which and why;
 * a bulk action is a shortcut for the desk, never a way around the state machine or scope.
 */
@Injectable()
export class CaseBulkService {
  constructor(private readonly cases: CasesService) {}

  async run(dto: BulkCaseActionDto, actor: ActorContext): Promise<BulkResultDto[]> {
    const results: BulkResultDto[] = [];
    for (const id of new Set(dto.ids)) {
      try {
        await this.one(id, dto, actor);
        results.push({ id, ok: true });
      } catch (error) {
        if (!(error instanceof AppError)) {
          throw error;
        }
        results.push({ id, ok: false, code: error.code, message: error.message });
      }
    }
    return results;
  }

  private async one(id: string, dto: BulkCaseActionDto, actor: ActorContext): Promise<void> {
    const current = await this.cases.findScoped(id, actor.principal!, undefined, 'change');
    if (dto.action === 'assign') {
      await this.cases.update(
        id,
        { version: current.version, assigneeId: dto.assigneeId ?? null },
        actor,
      );
      return;
    }
    let { version } = current;
    const status: CaseStatus = current.status;
    if (status === 'closed') {
      return;
    }
    // Closing goes through "resolved" where the state machine asks for it.
    if (!canTransition(status, 'closed') && canTransition(status, 'resolved')) {
      version = (
        await this.cases.transition(id, { to: 'resolved', version, note: dto.note }, actor)
      ).version;
    }
    await this.cases.transition(
      id,
      {
        to: 'closed',
        version,
        outcome: dto.outcome,
        outcomeConfirmedOn: dto.outcomeConfirmedOn,
        notAdoptedReason: dto.notAdoptedReason,
        note: dto.note,
      },
      actor,
    );
  }
}
