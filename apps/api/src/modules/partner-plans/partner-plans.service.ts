import { fiscalYearOf, planActivityProgress } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type {
  CreatePartnerPlanActivityDto,
  PartnerPlanActivityDetailDto,
  PartnerPlanActivityDto,
  PartnerPlanLinkedReferralDto,
  PartnerPlanQueryDto,
  UpdatePartnerPlanActivityDto,
} from './dto/partner-plan.dto';
import {
  type ActivityValues,
  type ActivityWithCounts,
  type LinkedReferralRow,
  PartnerPlansRepository,
} from './partner-plans.repository';

const PG_FOREIGN_KEY_VIOLATION = '23503';

export const toActivityDto = (a: ActivityWithCounts): PartnerPlanActivityDto => {
  const progress = planActivityProgress({
    target: a.target,
    achieved: a.achieved,
    linkedEvents: a.linked_events,
    linkedReferrals: a.linked_referrals,
  });
  return {
    id: a.id,
    fiscalYear: a.fiscal_year,
    party: a.party,
    partyDeskId: a.party_desk_id,
    partyName: a.party_name,
    title: a.title,
    description: a.description,
    unit: a.unit,
    target: a.target,
    achieved: a.achieved,
    linkedEvents: a.linked_events,
    linkedReferrals: a.linked_referrals,
    percent: progress.percent,
    linkedPercent: progress.linkedPercent,
    version: a.version,
    updatedAt: a.updated_at.toISOString(),
  };
};

const toReferralDto = (r: LinkedReferralRow): PartnerPlanLinkedReferralDto => ({
  referralId: r.referral_id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  organizationName: r.organization_name,
  programCode: r.program_code,
  programNameJa: r.program_name_ja,
  createdAt: r.created_at.toISOString(),
});

type ActivityFields = Omit<UpdatePartnerPlanActivityDto, 'version'>;

/** The columns from a full set of fields, checked across fields. */
function activityValues(dto: CreatePartnerPlanActivityDto): ActivityValues {
  if (dto.party === 'regional_desk' && !dto.partyDeskId) {
    throw validationError('partyDeskId', 'is required for a regional desk’s activity');
  }
  return {
    fiscal_year: dto.fiscalYear,
    party: dto.party,
    party_desk_id: dto.party === 'regional_desk' ? (dto.partyDeskId ?? null) : null,
    party_name: dto.partyName ?? null,
    title: dto.title,
    description: dto.description ?? '',
    unit: dto.unit ?? '',
    target: dto.target ?? null,
    achieved: dto.achieved ?? null,
  };
}

const isPgError = (error: unknown, code: string): boolean =>
  (error as { code?: string }).code === code;

/**
 * What each party of the cooperation plans does per fiscal year, with the events and referrals
 * that count towards it. Managers and admins write (audited); staff read.
 */
@Injectable()
export class PartnerPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PartnerPlansRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: PartnerPlanQueryDto): Promise<PartnerPlanActivityDto[]> {
    return (await this.repository.list(this.dataSource.manager, query)).map(toActivityDto);
  }

  async get(
    id: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<PartnerPlanActivityDetailDto> {
    const row = await this.repository.find(db, id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such partner-plan activity.');
    }
    const [events, referrals] = [
      await this.repository.linkedEvents(db, id),
      await this.repository.linkedReferrals(db, id),
    ];
    return {
      ...toActivityDto(row),
      events: events.map((e) => ({
        eventId: e.event_id,
        title: e.title,
        startsAt: e.starts_at.toISOString(),
        organizerKind: e.organizer_kind,
      })),
      referrals: referrals.map(toReferralDto),
    };
  }

  async referralCandidates(fiscalYear: number): Promise<PartnerPlanLinkedReferralDto[]> {
    return (await this.repository.referralsOfYear(this.dataSource.manager, fiscalYear)).map(
      toReferralDto,
    );
  }

  async create(
    dto: CreatePartnerPlanActivityDto,
    actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    const values = activityValues(dto);
    return this.dataSource.transaction(async (db) => {
      const id = await this.withDeskCheck(() =>
        this.repository.insert(db, values, actor.principal!.userId),
      );
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.created',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: { fiscalYear: values.fiscal_year, party: values.party },
        },
        db,
      );
      return this.get(id, db);
    });
  }

  async update(
    id: string,
    dto: UpdatePartnerPlanActivityDto,
    actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.dataSource.transaction(async (db) => {
      const before = await this.repository.find(db, id, true);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such partner-plan activity.');
      }
      const { version, ...changes } = dto;
      const current = toActivityDto(before);
      const merged: CreatePartnerPlanActivityDto = {
        fiscalYear: current.fiscalYear,
        party: current.party as CreatePartnerPlanActivityDto['party'],
        partyDeskId: current.partyDeskId,
        partyName: current.partyName,
        title: current.title,
        description: current.description,
        unit: current.unit,
        target: current.target,
        achieved: current.achieved,
        ...changes,
      };
      if (
        merged.fiscalYear !== before.fiscal_year &&
        before.linked_events + before.linked_referrals
      ) {
        // Links were checked against the year; moving the activity would leave them in another.
        throw validationError('fiscalYear', 'cannot change while events or referrals are linked');
      }
      const values = activityValues(merged);
      const updated = await this.withDeskCheck(() =>
        this.repository.update(db, id, version, values),
      );
      if (!updated) {
        throw new AppError(
          'PARTNER_PLAN_VERSION_CONFLICT',
          'The activity was changed by someone else.',
          undefined,
          { currentVersion: before.version },
        );
      }
      const changed = Object.fromEntries(
        (Object.keys(changes) as (keyof ActivityFields)[])
          .filter((k) => current[k] !== merged[k])
          .map((k) => [k, { from: current[k], to: merged[k] }]),
      );
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.updated',
          entityType: 'partner_plan_activity',
          entityId: id,
          changes: changed,
        },
        db,
      );
      return this.get(id, db);
    });
  }

  async remove(id: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const before = await this.repository.find(db, id, true);
      if (!before || !(await this.repository.delete(db, id))) {
        throw new AppError('NOT_FOUND', 'No such partner-plan activity.');
      }
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.deleted',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: {
            title: before.title,
            fiscalYear: before.fiscal_year,
            linkedEvents: before.linked_events,
            linkedReferrals: before.linked_referrals,
          },
        },
        db,
      );
    });
  }

  async linkEvent(
    id: string,
    eventId: string,
    actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.dataSource.transaction(async (db) => {
      const activity = await this.lockActivity(db, id);
      const year = await this.repository.eventYear(db, eventId);
      if (year === undefined) {
        throw validationError('eventId', 'is not a known event');
      }
      if (year !== activity.fiscal_year) {
        throw validationError(
          'eventId',
          `is an event of fiscal year ${year}, not ${activity.fiscal_year}`,
        );
      }
      if (!(await this.repository.linkEvent(db, id, eventId, actor.principal!.userId))) {
        throw new AppError('PARTNER_PLAN_LINK_EXISTS', 'The event is already linked.');
      }
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.event_linked',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: { eventId },
        },
        db,
      );
      return this.get(id, db);
    });
  }

  async unlinkEvent(id: string, eventId: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await this.lockActivity(db, id);
      if (!(await this.repository.unlinkEvent(db, id, eventId))) {
        throw new AppError('NOT_FOUND', 'The event is not linked to the activity.');
      }
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.event_unlinked',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: { eventId },
        },
        db,
      );
    });
  }

  async linkReferral(
    id: string,
    referralId: string,
    actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.dataSource.transaction(async (db) => {
      const activity = await this.lockActivity(db, id);
      const madeAt = await this.repository.referralMadeAt(db, referralId);
      if (madeAt === undefined) {
        throw validationError('referralId', 'is not a known case referral');
      }
      const year = fiscalYearOf(madeAt);
      if (year !== activity.fiscal_year) {
        throw validationError(
          'referralId',
          `is a referral of fiscal year ${year}, not ${activity.fiscal_year}`,
        );
      }
      if (!(await this.repository.linkReferral(db, id, referralId, actor.principal!.userId))) {
        throw new AppError('PARTNER_PLAN_LINK_EXISTS', 'The referral is already linked.');
      }
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.referral_linked',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: { referralId },
        },
        db,
      );
      return this.get(id, db);
    });
  }

  async unlinkReferral(id: string, referralId: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await this.lockActivity(db, id);
      if (!(await this.repository.unlinkReferral(db, id, referralId))) {
        throw new AppError('NOT_FOUND', 'The referral is not linked to the activity.');
      }
      await this.audit.record(
        actor,
        {
          action: 'partner_plan.referral_unlinked',
          entityType: 'partner_plan_activity',
          entityId: id,
          meta: { referralId },
        },
        db,
      );
    });
  }

  /** Links change under the activity's row lock, so a year change never races a new link. */
  private async lockActivity(db: EntityManager, id: string): Promise<ActivityWithCounts> {
    const row = await this.repository.find(db, id, true);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such partner-plan activity.');
    }
    return row;
  }

  private async withDeskCheck<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isPgError(error, PG_FOREIGN_KEY_VIOLATION)) {
        throw validationError('partyDeskId', 'is not a known desk');
      }
      throw error;
    }
  }
}
