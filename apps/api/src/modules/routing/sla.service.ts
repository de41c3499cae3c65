import {
  addBusinessHours,
  businessHoursBetween,
  resolutionDueAt,
  slaDueAt,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { referenceCache } from '../../database/reference-cache';
import { AuditService } from '../audit/audit.service';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import type { SlaPolicyDto, UpdateSlaPolicyDto } from './dto/routing.dto';
import { type PolicyRow, RoutingRepository } from './routing.repository';

const toDto = (p: PolicyRow): SlaPolicyDto => ({
  channel: p.channel,
  firstResponseBusinessHours:
    p.first_response_business_hours === null ? null : Number(p.first_response_business_hours),
  resolutionBusinessDays: p.resolution_business_days,
});

export interface DueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date;
}

/**
 * SLA clocks in the owning desk's business hours. First response: N business hours after
 * receipt, or none for channels answered on contact. Resolution: the desk's closing time N
 * business days after receipt. Both stop while the case waits on the customer.
 */
@Injectable()
export class SlaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: DeskCalendarService,
    private readonly repository: RoutingRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SlaPolicyDto[]> {
    return (await this.repository.policies()).map(toDto);
  }

  async update(
    channel: string,
    dto: UpdateSlaPolicyDto,
    actor: ActorContext,
  ): Promise<SlaPolicyDto> {
    const updated = await this.dataSource.transaction(async (db) => {
      const before = await this.repository.lockPolicy(db, channel);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No SLA policy for that channel.');
      }
      const after = await this.repository.updatePolicy(db, channel, {
        setFirstResponse: dto.firstResponseBusinessHours !== undefined,
        firstResponseBusinessHours: dto.firstResponseBusinessHours ?? null,
        resolutionBusinessDays: dto.resolutionBusinessDays ?? null,
      });
      await this.audit.record(
        actor,
        {
          action: 'sla_policy.updated',
          entityType: 'sla_policy',
          entityId: channel,
          changes: { before: { from: toDto(before), to: toDto(after) } },
        },
        db,
      );
      return toDto(after);
    });
    referenceCache(this.dataSource, 'sla_policy').invalidate();
    return updated;
  }

  /**
   * Every channel's policy: read on every intake, so kept briefly (see ReferenceCache). A refill
   * runs on the caller's connection (see RoutingService.activeRules for why).
   */
  private policies(db: EntityManager): Promise<Map<string, PolicyRow>> {
    return referenceCache<Map<string, PolicyRow>>(this.dataSource, 'sla_policy').get(async () => {
      const rows = await this.repository.allPolicies(db);
      return new Map(rows.map((p) => [p.channel, p]));
    });
  }

  /** Due times for a case received now-ish on a channel at a desk. */
  async dueTimes(
    db: EntityManager,
    channel: string,
    deskId: string,
    receivedAt: Date,
  ): Promise<DueTimes> {
    const policy = (await this.policies(db)).get(channel);
    const calendar = await this.calendars.calendarFor(deskId, db);
    const hours =
      policy?.first_response_business_hours === null || !policy
        ? null
        : Number(policy.first_response_business_hours);
    const days = policy?.resolution_business_days ?? 20;
    return {
      firstResponseDueAt: slaDueAt(receivedAt, { firstResponseBusinessHours: hours }, calendar),
      resolutionDueAt: resolutionDueAt(receivedAt, days, calendar),
    };
  }

  /** Business hours a pause lasted, on the desk's calendar: what the due times move by. */
  async pausedHours(db: EntityManager, deskId: string, from: Date, to: Date): Promise<number> {
    return businessHoursBetween(from, to, await this.calendars.calendarFor(deskId, db));
  }

  async shift(db: EntityManager, deskId: string, due: Date, hours: number): Promise<Date> {
    return hours > 0
      ? addBusinessHours(due, hours, await this.calendars.calendarFor(deskId, db))
      : due;
  }
}
