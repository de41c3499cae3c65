import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { AwardsService } from '../awards/awards.service';
import { CasesService } from '../cases/cases.service';
import { EventsService } from '../events/events.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { AllowanceService } from '../sessions/allowance.service';
import type { MergeOrganizationDto, MergePreviewDto, MergeResultDto } from './dto/merge.dto';

/**
 * Folds a duplicate organization into the one that survives. It sits above organizations, cases
 * and sessions, and each of them moves the rows it owns: contacts and blank fields
 * (organizations), cases (cases), expert sessions and grants (sessions), event registrations
 * (events). The duplicate stays as
 * a tombstone (`merged_into`) so old links and the audit trail still resolve. The allowance is
 * counted from the sessions themselves, so it is right as soon as they move.
 */
@Injectable()
export class OrganizationMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly cases: CasesService,
    private readonly allowances: AllowanceService,
    private readonly events: EventsService,
    private readonly awards: AwardsService,
    private readonly audit: AuditService,
  ) {}

  /** What merging `sourceId` into `targetId` would move, and the allowance afterwards. */
  async preview(sourceId: string, targetId: string): Promise<MergePreviewDto> {
    if (sourceId === targetId) {
      throw validationError('into', 'must be another organization');
    }
    const [source, target] = await Promise.all([
      this.organizations.get(sourceId),
      this.organizations.get(targetId).catch(() => {
        throw validationError('into', 'is not a known organization');
      }),
    ]);
    const merged = await this.organizations.findMergedInto([sourceId, targetId]);
    if (merged.includes(targetId)) {
      throw validationError('into', 'was merged into another organization');
    }
    if (merged.includes(sourceId)) {
      throw validationError('id', 'was already merged into another organization');
    }
    const [own, cases, sessions, terms] = await Promise.all([
      this.organizations.absorbPreview(source, target),
      this.cases.countForOrganization(sourceId),
      this.allowances.countForOrganization(sourceId),
      this.organizations.sessionTerms(),
    ]);
    // Each allowance's limit is the program's limit plus that organization's grants; the
    // merged one keeps one program limit and every grant.
    const limit =
      target.sessionAllowance.limit + source.sessionAllowance.limit - Math.max(0, terms.limit);
    const used = target.sessionAllowance.used + source.sessionAllowance.used;
    return {
      source,
      target,
      moves: {
        contacts: own.contacts,
        cases,
        sessions: sessions.sessions,
        grants: sessions.grants,
      },
      fills: own.fills,
      allowanceAfter: {
        limit,
        used,
        remaining: Math.max(0, limit - used),
        period: target.sessionAllowance.period,
        fiscalYear: target.sessionAllowance.fiscalYear,
      },
      overAllowance: used > limit,
    };
  }

  async merge(
    survivorId: string,
    dto: MergeOrganizationDto,
    actor: ActorContext,
  ): Promise<MergeResultDto> {
    if (survivorId === dto.duplicateId) {
      throw validationError('duplicateId', 'must be another organization');
    }
    const moved = await this.dataSource.transaction(async (db) => {
      const { survivor, duplicate, contactsMoved, filled } =
        await this.organizations.absorbDuplicate(db, survivorId, dto.duplicateId, dto.version);
      const cases = await this.cases.moveToOrganization(db, duplicate.id, survivor.id);
      const { sessions } = await this.allowances.moveToOrganization(db, duplicate.id, survivor.id);
      const counts = { contacts: contactsMoved, cases, sessions };
      const registrations = await this.events.moveToOrganization(db, duplicate.id, survivor.id);
      const awards = await this.awards.moveToOrganization(db, duplicate.id, survivor.id);
      await this.audit.record(
        actor,
        {
          action: 'organization.merged',
          entityType: 'organization',
          entityId: survivor.id,
          changes: filled,
          meta: {
            duplicateId: duplicate.id,
            duplicateName: duplicate.name,
            reason: dto.reason ?? null,
            moved: { ...counts, registrations },
            awards,
          },
        },
        db,
      );
      return counts;
    });
    return { organization: await this.organizations.get(survivorId), moved };
  }
}
