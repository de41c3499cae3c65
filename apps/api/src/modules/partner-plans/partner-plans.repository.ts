import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type ActivityRow = Row<
  'partner_plan_activity',
  | 'id'
  | 'fiscal_year'
  | 'party'
  | 'party_desk_id'
  | 'party_name'
  | 'title'
  | 'description'
  | 'unit'
  | 'target'
  | 'achieved'
  | 'version'
  | 'updated_at'
>;

export type ActivityWithCounts = ActivityRow & { linked_events: number; linked_referrals: number };

/** The columns of an activity a write sets. */
export type ActivityValues = Omit<ActivityRow, 'id' | 'version' | 'updated_at'>;

export interface LinkedEventRow {
  event_id: string;
  title: string;
  starts_at: Date;
  organizer_kind: string;
}

export interface LinkedReferralRow {
  referral_id: string;
  case_id: string;
  case_number: string;
  organization_name: string;
  program_code: string;
  program_name_ja: string;
  created_at: Date;
}

const COLUMNS = `a.id, a.fiscal_year, a.party, a.party_desk_id, a.party_name, a.title, a.description,
  a.unit, a.target, a.achieved, a.version, a.updated_at`;

// Both counts per activity; the link tables are keyed by activity first.
const COUNTS = `(SELECT count(*)::int FROM partner_plan_activity_event l WHERE l.activity_id = a.id) AS linked_events,
  (SELECT count(*)::int FROM partner_plan_activity_referral l WHERE l.activity_id = a.id) AS linked_referrals`;

const REFERRAL_COLUMNS = `r.id AS referral_id, c.id AS case_id, c.number AS case_number, o.name AS organization_name,
  p.code AS program_code, p.name_ja AS program_name_ja, r.created_at`;
const REFERRAL_JOINS = `JOIN "case" c ON c.id = r.case_id
  JOIN organization o ON o.id = c.organization_id
  JOIN referral_program p ON p.id = r.program_id`;

/**
 * The partner-plan activities and their links. Events, referrals, cases and organizations are
 * read only, to check a link and to show what it points at.
 */
@Injectable()
export class PartnerPlansRepository {
  async list(
    db: EntityManager,
    filter: { fiscalYear?: number; party?: string },
  ): Promise<ActivityWithCounts[]> {
    return db.query<ActivityWithCounts[]>(
      `SELECT ${COLUMNS}, ${COUNTS} FROM partner_plan_activity a
        WHERE ($1::int IS NULL OR a.fiscal_year = $1) AND ($2::text IS NULL OR a.party = $2)
        ORDER BY a.fiscal_year DESC, a.party, a.party_desk_id NULLS FIRST, a.title, a.id`,
      [filter.fiscalYear ?? null, filter.party ?? null],
    );
  }

  async find(db: EntityManager, id: string, lock = false): Promise<ActivityWithCounts | undefined> {
    const [row] = await db.query<ActivityWithCounts[]>(
      `SELECT ${COLUMNS}, ${COUNTS} FROM partner_plan_activity a WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  async insert(db: EntityManager, values: ActivityValues, createdBy: string): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO partner_plan_activity (fiscal_year, party, party_desk_id, party_name, title,
         description, unit, target, achieved, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [...this.values(values), createdBy],
    );
    return row!.id;
  }

  /** False when the version moved on (someone else saved first). */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    values: ActivityValues,
  ): Promise<boolean> {
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE partner_plan_activity SET fiscal_year = $3, party = $4, party_desk_id = $5,
         party_name = $6, title = $7, description = $8, unit = $9, target = $10, achieved = $11,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, ...this.values(values)],
    );
    return rows.length === 1;
  }

  /** The links go with the activity (ON DELETE CASCADE). */
  async delete(db: EntityManager, id: string): Promise<boolean> {
    const [rows] = await db.query<[{ id: string }[], number]>(
      `DELETE FROM partner_plan_activity WHERE id = $1 RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  private values(v: ActivityValues): unknown[] {
    return [
      v.fiscal_year,
      v.party,
      v.party_desk_id,
      v.party_name,
      v.title,
      v.description,
      v.unit,
      v.target,
      v.achieved,
    ];
  }

  async linkedEvents(db: EntityManager, activityId: string): Promise<LinkedEventRow[]> {
    return db.query<LinkedEventRow[]>(
      `SELECT e.id AS event_id, e.title, e.starts_at, e.organizer_kind
         FROM partner_plan_activity_event l JOIN event e ON e.id = l.event_id
        WHERE l.activity_id = $1 ORDER BY e.starts_at, e.id`,
      [activityId],
    );
  }

  async linkedReferrals(db: EntityManager, activityId: string): Promise<LinkedReferralRow[]> {
    return db.query<LinkedReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM partner_plan_activity_referral l
         JOIN case_referral r ON r.id = l.referral_id ${REFERRAL_JOINS}
        WHERE l.activity_id = $1 ORDER BY r.created_at, r.id`,
      [activityId],
    );
  }

  /** Referrals made in the fiscal year (its April 1 to March 31 in Tokyo), latest first. */
  async referralsOfYear(db: EntityManager, fiscalYear: number): Promise<LinkedReferralRow[]> {
    return db.query<LinkedReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM case_referral r ${REFERRAL_JOINS}
        WHERE r.created_at >= make_timestamptz($1, 4, 1, 0, 0, 0, 'Asia/Tokyo')
          AND r.created_at < make_timestamptz($1 + 1, 4, 1, 0, 0, 0, 'Asia/Tokyo')
        ORDER BY r.created_at DESC, r.id LIMIT 500`,
      [fiscalYear],
    );
  }

  async eventYear(db: EntityManager, eventId: string): Promise<number | undefined> {
    const [row] = await db.query<{ fiscal_year: number }[]>(
      `SELECT fiscal_year FROM event WHERE id = $1`,
      [eventId],
    );
    return row?.fiscal_year;
  }

  async referralMadeAt(db: EntityManager, referralId: string): Promise<Date | undefined> {
    const [row] = await db.query<{ created_at: Date }[]>(
      `SELECT created_at FROM case_referral WHERE id = $1`,
      [referralId],
    );
    return row?.created_at;
  }

  /** False when the link was already there. */
  async linkEvent(
    db: EntityManager,
    activityId: string,
    eventId: string,
    userId: string,
  ): Promise<boolean> {
    const rows = await db.query<{ activity_id: string }[]>(
      `INSERT INTO partner_plan_activity_event (activity_id, event_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING activity_id`,
      [activityId, eventId, userId],
    );
    return rows.length === 1;
  }

  async unlinkEvent(db: EntityManager, activityId: string, eventId: string): Promise<boolean> {
    const [rows] = await db.query<[{ activity_id: string }[], number]>(
      `DELETE FROM partner_plan_activity_event WHERE activity_id = $1 AND event_id = $2
       RETURNING activity_id`,
      [activityId, eventId],
    );
    return rows.length === 1;
  }

  async linkReferral(
    db: EntityManager,
    activityId: string,
    referralId: string,
    userId: string,
  ): Promise<boolean> {
    const rows = await db.query<{ activity_id: string }[]>(
      `INSERT INTO partner_plan_activity_referral (activity_id, referral_id, created_by)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING activity_id`,
      [activityId, referralId, userId],
    );
    return rows.length === 1;
  }

  async unlinkReferral(
    db: EntityManager,
    activityId: string,
    referralId: string,
  ): Promise<boolean> {
    const [rows] = await db.query<[{ activity_id: string }[], number]>(
      `DELETE FROM partner_plan_activity_referral WHERE activity_id = $1 AND referral_id = $2
       RETURNING activity_id`,
      [activityId, referralId],
    );
    return rows.length === 1;
  }
}
