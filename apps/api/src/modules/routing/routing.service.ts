import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { referenceCache } from '../../database/reference-cache';
import { AuditService } from '../audit/audit.service';
import type {
  CreateRoutingRuleDto,
  RoutingRuleDto,
  RoutingTarget,
  UpdateRoutingRuleDto,
} from './dto/routing.dto';

interface RuleRow {
  id: string;
  position: number;
  name: string;
  active: boolean;
  channels: string[] | null;
  prefecture_codes: string[] | null;
  topic_codes: string[] | null;
  industry_codes: string[] | null;
  sme: boolean | null;
  logged_at: 'national' | 'regional' | null;
  target: RoutingTarget;
  desk_id: string | null;
  assignee_id: string | null;
  version: number;
}

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
    private readonly audit: AuditService,
  ) {}

  /** The active rules in order: read on every intake, so kept briefly (see ReferenceCache). */
  private activeRules(): Promise<RuleRow[]> {
    return referenceCache<RuleRow[]>(this.dataSource, 'routing_rule').get(() =>
      this.dataSource.query<RuleRow[]>(
        `SELECT * FROM routing_rule WHERE active ORDER BY position, created_at`,
      ),
    );
  }

  /** After a committed change: this instance routes by it from the next intake on. */
  private forgetRules(): void {
    referenceCache(this.dataSource, 'routing_rule').invalidate();
  }

  async route(db: EntityManager, input: RoutingInput): Promise<RouteDecision> {
    const rules = await this.activeRules();
    const rule = rules.find((r) => matches(r, input)) ?? null;
    let deskId = input.loggerDeskId;
    if (rule?.target === 'desk' && rule.desk_id) {
      deskId = rule.desk_id;
    } else if (rule?.target === 'coverage') {
      const [covering] = input.prefectureCode
        ? await db.query<{ desk_id: string }[]>(
            `SELECT p.desk_id FROM desk_prefecture p JOIN desk d ON d.id = p.desk_id
              WHERE p.prefecture_code = $1 AND d.active`,
            [input.prefectureCode],
          )
        : [];
      // Without a prefecture there is no covering desk to pick: whoever logged it keeps it.
      deskId = covering?.desk_id ?? input.loggerDeskId;
    }
    return { deskId, assigneeId: rule?.assignee_id ?? null, ruleId: rule?.id ?? null };
  }

  /**
   * Picks an assignee within a desk by its assignment mode, or null when the mode is off.
   * The desk row is locked so concurrent intakes take turns instead of picking the same person.
   */
  async autoAssign(db: EntityManager, deskId: string): Promise<string | null> {
    // Most desks do not auto-assign: read the mode first, so their intakes take no lock at all.
    const [mode] = await db.query<{ assignment_mode: string }[]>(
      `SELECT assignment_mode FROM desk WHERE id = $1`,
      [deskId],
    );
    if (!mode || mode.assignment_mode === 'off') {
      return null;
    }
    // NO KEY UPDATE: intakes of this desk take turns, without blocking inserts of cases that
    // merely reference the desk row.
    const [desk] = await db.query<
      { assignment_mode: string; last_assigned_user_id: string | null }[]
    >(`SELECT assignment_mode, last_assigned_user_id FROM desk WHERE id = $1 FOR NO KEY UPDATE`, [
      deskId,
    ]);
    if (!desk || desk.assignment_mode === 'off') {
      return null;
    }
    const staff = await db.query<{ id: string; open_cases: number }[]>(
      `SELECT u.id, (SELECT count(*) FROM "case" c
                      WHERE c.assignee_id = u.id AND c.status NOT IN ('resolved', 'closed'))::int AS open_cases
         FROM app_user u
        WHERE u.desk_id = $1 AND u.active AND u.role IN ('operator', 'desk_staff')
        ORDER BY u.id`,
      [deskId],
    );
    if (staff.length === 0) {
      return null;
    }
    let picked: string;
    if (desk.assignment_mode === 'round_robin') {
      const next = staff.find(
        (s) => desk.last_assigned_user_id !== null && s.id > desk.last_assigned_user_id,
      );
      picked = (next ?? staff[0]!).id;
    } else {
      picked = staff.reduce((best, s) => (s.open_cases < best.open_cases ? s : best), staff[0]!).id;
    }
    await db.query(`UPDATE desk SET last_assigned_user_id = $2 WHERE id = $1`, [deskId, picked]);
    return picked;
  }

  async list(): Promise<RoutingRuleDto[]> {
    const rows = await this.dataSource.query<RuleRow[]>(
      `SELECT * FROM routing_rule ORDER BY position, created_at`,
    );
    return rows.map(toDto);
  }

  async create(dto: CreateRoutingRuleDto, actor: ActorContext): Promise<RoutingRuleDto> {
    this.checkTarget(dto.target, dto.deskId ?? null);
    const created = await this.dataSource.transaction(async (db) => {
      await this.checkReferences(db, dto);
      const keys = (Object.keys(COLUMNS) as (keyof CreateRoutingRuleDto)[]).filter(
        (k) => dto[k] !== undefined,
      );
      const [row] = await db.query<RuleRow[]>(
        `INSERT INTO routing_rule (${keys.map((k) => COLUMNS[k]).join(', ')})
         VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        keys.map((k) => dto[k]),
      );
      await this.audit.record(
        actor,
        {
          action: 'routing_rule.created',
          entityType: 'routing_rule',
          entityId: row!.id,
          meta: { ...dto },
        },
        db,
      );
      return toDto(row!);
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
      const [before] = await db.query<RuleRow[]>(`SELECT * FROM routing_rule WHERE id = $1`, [id]);
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
      const [rows] = await db.query<[RuleRow[], number]>(
        `UPDATE routing_rule SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`).join(', ')}${keys.length ? ',' : ''}
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING *`,
        [id, version, ...keys.map((k) => changes[k])],
      );
      const after = rows[0];
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
      const [, affected] = await db.query<[unknown, number]>(
        `DELETE FROM routing_rule WHERE id = $1`,
        [id],
      );
      if (affected === 0) {
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
      const [desk] = await db.query<unknown[]>(`SELECT 1 FROM desk WHERE id = $1 AND active`, [
        dto.deskId,
      ]);
      if (!desk) {
        throw validationError('deskId', 'is not an active desk', 'inactive');
      }
    }
    if (dto.assigneeId) {
      const [user] = await db.query<unknown[]>(
        `SELECT 1 FROM app_user WHERE id = $1 AND active AND role IN ('operator', 'desk_staff')`,
        [dto.assigneeId],
      );
      if (!user) {
        throw validationError(
          'assigneeId',
          'is not an active operator or desk staff member',
          'inactive',
        );
      }
    }
    if (dto.topicCodes?.length) {
      const [{ known } = { known: 0 }] = await db.query<{ known: number }[]>(
        `SELECT count(*)::int AS known FROM topic WHERE code = ANY($1::text[])`,
        [dto.topicCodes],
      );
      if (known !== new Set(dto.topicCodes).size) {
        throw validationError('topicCodes', 'contains an unknown topic');
      }
    }
  }
}
