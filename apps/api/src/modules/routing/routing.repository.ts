import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import type { RoutingTarget } from './dto/routing.dto';

/** A routing rule as stored, with its enumerated columns narrowed. */
export type RuleRow = Omit<
  Row<'routing_rule'>,
  'logged_at' | 'target' | 'created_at' | 'updated_at'
> & {
  logged_at: 'national' | 'regional' | null;
  target: RoutingTarget;
};

export type PolicyRow = Row<
  'sla_policy',
  'channel' | 'first_response_business_hours' | 'resolution_business_days'
>;

/** The only SQL on routing_rule and sla_policy. */
@Injectable()
export class RoutingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  activeRules(db: EntityManager = this.dataSource.manager): Promise<RuleRow[]> {
    return db.query<RuleRow[]>(
      `SELECT * FROM routing_rule WHERE active ORDER BY position, created_at`,
    );
  }

  allRules(): Promise<RuleRow[]> {
    return this.dataSource.query<RuleRow[]>(
      `SELECT * FROM routing_rule ORDER BY position, created_at`,
    );
  }

  async findRule(db: EntityManager, id: string): Promise<RuleRow | null> {
    const [row] = await db.query<RuleRow[]>(`SELECT * FROM routing_rule WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Inserts the given columns (names from the service's fixed map, never from input). */
  async insertRule(db: EntityManager, columns: string[], values: unknown[]): Promise<RuleRow> {
    const [row] = await db.query<RuleRow[]>(
      `INSERT INTO routing_rule (${columns.join(', ')})
         VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      values,
    );
    return row!;
  }

  /** Null when the version moved on (or the rule is gone). */
  async updateRule(
    db: EntityManager,
    id: string,
    version: number,
    columns: string[],
    values: unknown[],
  ): Promise<RuleRow | null> {
    const [rows] = await db.query<[RuleRow[], number]>(
      `UPDATE routing_rule SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}${columns.length ? ',' : ''}
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING *`,
      [id, version, ...values],
    );
    return rows[0] ?? null;
  }

  async deleteRule(db: EntityManager, id: string): Promise<number> {
    const [, affected] = await db.query<[unknown, number]>(
      `DELETE FROM routing_rule WHERE id = $1`,
      [id],
    );
    return affected;
  }

  /** How many of the codes name a topic of the catalogue (read-only, to check a rule). */
  async knownTopics(db: EntityManager, codes: string[]): Promise<number> {
    const [{ known } = { known: 0 }] = await db.query<{ known: number }[]>(
      `SELECT count(*)::int AS known FROM topic WHERE code = ANY($1::text[])`,
      [codes],
    );
    return known;
  }

  policies(): Promise<PolicyRow[]> {
    return this.dataSource.query<PolicyRow[]>(`SELECT * FROM sla_policy ORDER BY channel`);
  }

  allPolicies(db: EntityManager = this.dataSource.manager): Promise<PolicyRow[]> {
    return db.query<PolicyRow[]>(`SELECT * FROM sla_policy`);
  }

  async lockPolicy(db: EntityManager, channel: string): Promise<PolicyRow | null> {
    const [row] = await db.query<PolicyRow[]>(
      `SELECT * FROM sla_policy WHERE channel = $1 FOR UPDATE`,
      [channel],
    );
    return row ?? null;
  }

  async updatePolicy(
    db: EntityManager,
    channel: string,
    change: {
      setFirstResponse: boolean;
      firstResponseBusinessHours: number | null;
      resolutionBusinessDays: number | null;
    },
  ): Promise<PolicyRow> {
    const [[after]] = await db.query<[PolicyRow[], number]>(
      `UPDATE sla_policy SET
           first_response_business_hours = CASE WHEN $2::boolean THEN $3::numeric ELSE first_response_business_hours END,
           resolution_business_days = coalesce($4, resolution_business_days), updated_at = now()
         WHERE channel = $1 RETURNING *`,
      [
        channel,
        change.setFirstResponse,
        change.firstResponseBusinessHours,
        change.resolutionBusinessDays,
      ],
    );
    return after!;
  }
}
