import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type {
  PseudonymizationRunDto,
  RetentionOverviewDto,
  UpdateRetentionPolicyDto,
} from './dto/retention.dto';
import type { LegalHoldDto, PlaceLegalHoldDto } from './dto/legal-hold.dto';
import { PseudonymizationService } from './pseudonymization.service';
import { type HoldRow, type RunRow, StewardshipRepository } from './stewardship.repository';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

export function toRunDto(row: RunRow): PseudonymizationRunDto {
  return {
    id: String(row.id),
    dryRun: row.dry_run,
    trigger: row.trigger as PseudonymizationRunDto['trigger'],
    asOf: iso(row.as_of)!,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
    counts: (row.counts ?? {}) as Record<string, number>,
    caseIdsSample: row.case_ids_sample,
    reason: row.reason,
    error: row.error,
  };
}

export function toHoldDto(row: HoldRow): LegalHoldDto {
  return {
    id: row.id,
    targetType: row.case_id ? 'case' : 'organization',
    targetId: (row.case_id ?? row.organization_id)!,
    reason: row.reason,
    setAt: iso(row.set_at)!,
    setBy: row.set_by,
    setByName: row.set_by_name,
    releasedAt: iso(row.released_at),
    releasedByName: row.released_by_name,
    releaseReason: row.release_reason,
  };
}

/** The retention policy an admin sets, and the legal holds that stop pseudonymization. */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: StewardshipRepository,
    private readonly pseudonymization: PseudonymizationService,
    private readonly audit: AuditService,
  ) {}

  async overview(now = new Date()): Promise<RetentionOverviewDto> {
    const db = this.dataSource.manager;
    const cutoffs = await this.pseudonymization.cutoffs(db, now);
    const policy = await this.repository.policies(db);
    const lastRun = await this.repository.lastRun(db, false);
    const lastDryRun = await this.repository.lastRun(db, true);
    return {
      policy: policy.map((p) => ({
        dataClass: p.data_class as keyof typeof cutoffs,
        fiscalYears: p.fiscal_years,
        updatedAt: iso(p.updated_at)!,
        cutoff: cutoffs[p.data_class as keyof typeof cutoffs].toISOString(),
      })),
      lastRun: lastRun ? toRunDto(lastRun) : null,
      lastDryRun: lastDryRun ? toRunDto(lastDryRun) : null,
    };
  }

  async update(dto: UpdateRetentionPolicyDto, actor: ActorContext): Promise<RetentionOverviewDto> {
    const seen = new Set<string>();
    dto.terms.forEach((t, i) => {
      if (seen.has(t.dataClass)) {
        throw new AppError('VALIDATION_FAILED', `terms.${i}.dataClass: given twice`, [
          { field: `terms.${i}.dataClass`, message: 'given twice', constraint: 'unique' },
        ]);
      }
      seen.add(t.dataClass);
    });
    await this.dataSource.transaction(async (db) => {
      for (const term of dto.terms) {
        const before = await this.repository.setPolicy(
          db,
          term.dataClass,
          term.fiscalYears,
          actor.principal?.userId ?? null,
        );
        if (before !== term.fiscalYears) {
          await this.audit.record(
            actor,
            {
              action: 'retention.policy_changed',
              entityType: 'retention_policy',
              entityId: term.dataClass,
              changes: { fiscalYears: { from: before, to: term.fiscalYears } },
            },
            db,
          );
        }
      }
    });
    return this.overview();
  }

  async runs(limit: number): Promise<PseudonymizationRunDto[]> {
    return (await this.repository.runs(this.dataSource.manager, limit)).map(toRunDto);
  }

  async holds(target: { caseId?: string; organizationId?: string }): Promise<LegalHoldDto[]> {
    const db = this.dataSource.manager;
    const rows =
      target.caseId || target.organizationId
        ? await this.repository.holds(db, target)
        : await this.repository.activeHolds(db);
    return rows.map(toHoldDto);
  }

  async place(dto: PlaceLegalHoldDto, actor: ActorContext): Promise<LegalHoldDto> {
    return this.dataSource.transaction(async (db) => {
      if (!(await this.repository.targetExists(db, dto.targetType, dto.targetId))) {
        throw new AppError('VALIDATION_FAILED', 'targetId: no such case or organization', [
          { field: 'targetId', message: 'no such case or organization', constraint: 'exists' },
        ]);
      }
      const row = await this.repository.placeHold(db, {
        caseId: dto.targetType === 'case' ? dto.targetId : null,
        organizationId: dto.targetType === 'organization' ? dto.targetId : null,
        reason: dto.reason,
        userId: actor.principal?.userId ?? null,
      });
      if (!row) {
        throw new AppError('LEGAL_HOLD_EXISTS', 'A legal hold is already in force on it.');
      }
      await this.audit.record(
        actor,
        {
          action: 'legal_hold.placed',
          entityType: dto.targetType,
          entityId: dto.targetId,
          meta: { holdId: row.id, reason: dto.reason },
        },
        db,
      );
      return toHoldDto(row);
    });
  }

  async release(id: string, reason: string, actor: ActorContext): Promise<LegalHoldDto> {
    return this.dataSource.transaction(async (db) => {
      const row = await this.repository.releaseHold(
        db,
        id,
        reason,
        actor.principal?.userId ?? null,
      );
      if (!row) {
        throw new AppError('NOT_FOUND', 'No legal hold in force with this id.');
      }
      const hold = toHoldDto(row);
      await this.audit.record(
        actor,
        {
          action: 'legal_hold.released',
          entityType: hold.targetType,
          entityId: hold.targetId,
          meta: { holdId: id, reason },
        },
        db,
      );
      return hold;
    });
  }
}
