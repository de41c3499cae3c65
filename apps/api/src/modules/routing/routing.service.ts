import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { referenceCache } from '../../database/reference-cache';
import { AuditService } from '../audit/audit.service';
import { DesksService } from '../desks/desks.service';
import { UsersRepository } from '../users/users.repository';
import type {
  CreateRoutingRuleDto,
  RoutingRuleDto,
  RoutingTarget,
  UpdateRoutingRuleDto,
} from './dto/routing.dto';
import { OpenCaseLoad } from './open-case-load';
import { RoutingRepository, type RuleRow } from './routing.repository';

const toDto = (r: RuleRow): RoutingRuleDto => ({
  id: r.id,
  position: r.position,
  name: r.name,
  active: r.active,
  channels: r.channels,
  prefectureCodes: r.prefecture_codes,
  topicCodes: r.topic_codes,
  industryCodes: r.industry_codes,
  sme: r.sme,
  loggedAt: r.logged_at,
  target: r.target,
  deskId: r.desk_id,
  assigneeId: r.assignee_id,
  version: r.version,
});

/** What routing looks at when a case comes in. */
export interface RoutingInput {
  channel: string;
  prefectureCode: string | null;
  topics: string[];
  industryCode: string | null;
  sme: boolean | null;
  /** The desk of whoever logs the case. */
  loggerDeskId: string;
  loggerDeskKind: 'national' | 'regional';
}

export interface RouteDecision {
  deskId: string;
  assigneeId: string | null;
  ruleId: string | null;
}

const matches = (rule: RuleRow, input: RoutingInput): boolean =>
  (!rule.channels || rule.channels.includes(input.channel)) &&
  (!rule.prefecture_codes ||
    (input.prefectureCode !== null && rule.prefecture_codes.includes(input.prefectureCode))) &&
  (!rule.topic_codes ||
    input.topics.some((t) =>
      rule.topic_codes!.some((code) => t === code || t.startsWith(`${code}.`)),
    )) &&
  (!rule.industry_codes ||
    (input.industryCode !== null && rule.industry_codes.includes(input.industryCode))) &&
  (rule.sme === null || rule.sme === input.sme) &&
  (!rule.logged_at || rule.logged_at === input.loggerDeskKind);

const COLUMNS: Record<Exclude<keyof CreateRoutingRuleDto, never>, string> = {
  position: 'position',
  name: 'name',
  active: 'active',
  channels: 'channels',
  prefectureCodes: 'prefecture_codes',
  topicCodes: 'topic_codes',
  industryCodes: 'industry_codes',
  sme: 'sme',
  loggedAt: 'logged_at',
  target: 'target',
  deskId: 'desk_id',
  assigneeId: 'assignee_id',
};

/**
 * Admin-editable routing: the first active rule (by position) whose conditions all hold picks
 * the owning desk, and optionally an assignee. Within the desk, auto-assignment may then pick
 * someone by round-robin or least open load.
 */
@Injectable()
export class RoutingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RoutingRepository,
    private readonly desks: DesksService,
    private readonly users: UsersRepository,
    private readonly load: OpenCaseLoad,
    private readonly audit: AuditService,
  ) {}

  /**
   * The active rules in order: read on every intake, so kept briefly (see ReferenceCache). A
   * refill runs on the intake's own connection: one taken from the pool while every connection
   * is held by an intake waiting for this refill would wait until the pool gives up.
   */
  private activeRules(db: EntityManager): Promise<RuleRow[]> {
    return referenceCache<RuleRow[]>(this.dataSource, 'routing_rule').get(() =>
      this.rules.activeRules(db),
    );
  }

  /** After a committed change: this instance routes by it from the next intake on. */
  private forgetRules(): void {
    referenceCache(this.dataSource, 'routing_rule').invalidate();
  }

  async route(db: EntityManager, input: RoutingInput): Promise<RouteDecision> {
    const rules = await this.activeRules(db);
    const rule = rules.find((r) => matches(r, input)) ?? null;
    let deskId = input.loggerDeskId;
    if (rule?.target === 'desk' && rule.desk_id) {
      deskId = rule.desk_id;
    } else if (rule?.target === 'coverage') {
      const covering = input.prefectureCode
        ? await this.desks.coveringDesk(db, input.prefectureCode)
        : null;
      // Without a prefecture there is no covering desk to pick: whoever logged it keeps it.
      deskId = covering ?? input.loggerDeskId;
    }
    return { deskId, assigneeId: rule?.assignee_id ?? null, ruleId: rule?.id ?? null };
  }

  /**
   * Picks an assignee within a desk by its assignment mode, or null when the mode is off.
   * The desk row is locked so concurrent intakes take turns instead of picking the same person.
   */
  async autoAssign(db: EntityManager, deskId: string): Promise<string | null> {
    // Most desks do not auto-assign: read the mode first, so their intakes take no lock at all.
    const mode = await this.desks.assignmentMode(db, deskId);
    if (!mode || mode === 'off') {
      return null;
    }
    const desk = await this.desks.lockAssignmentTurn(db, deskId);
    if (!desk || desk.assignment_mode === 'off') {
      return null;
    }
    const staff = await this.users.assignableStaff(db, deskId);
    if (staff.length === 0) {
      return null;
    }
    let picked: string;
    if (desk.assignment_mode === 'round_robin') {
      const last = desk.last_assigned_user_id;
      picked = staff.find((id) => last !== null && id > last) ?? staff[0]!;
    } else {
      // The cases module counts its own open cases (see OpenCaseLoad); routing only chooses.
      const open = await this.load.openCasesOf(db, staff);
      const count = (id: string) => open.get(id) ?? 0;
      picked = staff.reduce((best, id) => (count(id) < count(best) ? id : best), staff[0]!);
    }
    await this.desks.recordAssigned(db, deskId, picked);
    return picked;
  }

  async list(): Promise<RoutingRuleDto[]> {
    return (await this.rules.allRules()).map(toDto);
  }

  async create(dto: CreateRoutingRuleDto, actor: ActorContext): Promise<RoutingRuleDto> {
    this.checkTarget(dto.target, dto.deskId ?? null);
    const created = await this.dataSource.transaction(async (db) => {
      await this.checkReferences(db, dto);
      const keys = (Object.keys(COLUMNS) as (keyof CreateRoutingRuleDto)[]).filter(
        (k) => dto[k] !== undefined,
      );
      const row = await this.rules.insertRule(
        db,
        keys.map((k) => COLUMNS[k]),
        keys.map((k) => dto[k]),
      );
      await this.audit.record(
        actor,
        {
          action: 'routing_rule.created',
          entityType: 'routing_rule',
          entityId: row.id,
          meta: { ...dto },
        },
        db,
      );
      return toDto(row);
    });
    this.forgetRules();
    return created;
  }

  async update(
    id: string,
    dto: UpdateRoutingRuleDto,
    actor: ActorContext,
  ): Promise<RoutingRuleDto> {
    const updated = await this.dataSource.transaction(async (db) => {
      const before = await this.rules.findRule(db, id);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such routing rule.');
      }
      const target = dto.target ?? before.target;
      const deskId = dto.deskId !== undefined ? dto.deskId : before.desk_id;
      this.checkTarget(target, target === 'desk' ? deskId : null);
      await this.checkReferences(db, dto);
      const { version, ...changes } = dto;
      if (target !== 'desk') {
        changes.deskId = null;
      }
      const keys = (Object.keys(COLUMNS) as (keyof CreateRoutingRuleDto)[]).filter(
        (k) => changes[k] !== undefined,
      );
      const after = await this.rules.updateRule(
        db,
        id,
        version,
        keys.map((k) => COLUMNS[k]),
        keys.map((k) => changes[k]),
      );
      if (!after) {
        throw new AppError(
          'ROUTING_RULE_VERSION_CONFLICT',
          'Someone else changed this rule.',
          undefined,
          {
            currentVersion: before.version,
          },
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'routing_rule.updated',
          entityType: 'routing_rule',
          entityId: id,
          changes: Object.fromEntries(
            keys.map((k) => [k, { from: toDto(before)[k], to: toDto(after)[k] }]),
          ),
        },
        db,
      );
      return toDto(after);
    });
    this.forgetRules();
    return updated;
  }

  async remove(id: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if ((await this.rules.deleteRule(db, id)) === 0) {
        throw new AppError('NOT_FOUND', 'No such routing rule.');
      }
      await this.audit.record(
        actor,
        { action: 'routing_rule.deleted', entityType: 'routing_rule', entityId: id },
        db,
      );
    });
    this.forgetRules();
  }

  private checkTarget(target: RoutingTarget, deskId: string | null): void {
    if (target === 'desk' && !deskId) {
      throw validationError('deskId', 'is required when the target is a desk', 'isNotEmpty');
    }
  }

  private async checkReferences(
    db: EntityManager,
    dto: { deskId?: string | null; assigneeId?: string | null; topicCodes?: string[] | null },
  ): Promise<void> {
    if (dto.deskId) {
      if (!(await this.desks.isActive(dto.deskId, db))) {
        throw validationError('deskId', 'is not an active desk', 'inactive');
      }
    }
    if (dto.assigneeId) {
      if (!(await this.users.isAssignable(db, dto.assigneeId))) {
        throw validationError(
          'assigneeId',
          'is not an active operator or desk staff member',
          'inactive',
        );
      }
    }
    if (dto.topicCodes?.length) {
      const known = await this.rules.knownTopics(db, dto.topicCodes);
      if (known !== new Set(dto.topicCodes).size) {
        throw validationError('topicCodes', 'contains an unknown topic');
      }
    }
  }
}
