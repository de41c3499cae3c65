import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export interface CandidateFilters {
  fiscalYear: number;
  deskId?: string;
  prefectureCode?: string;
  /** A size band as libs/domain names it, or 'unknown'; the SQL twin is reports' sizeBandSql. */
  sizeBand?: string;
  industryCode?: string;
  onlyMarked?: boolean;
}

/** An organization with the facts its evidence is judged from, as of the fiscal year's end. */
export type CandidateRow = Row<
  'organization',
  'id' | 'name' | 'prefecture_code' | 'industry_code' | 'employees' | 'telework_status'
> & {
  desk_id: Row<'desk_prefecture', 'desk_id'>['desk_id'] | null;
  size_band: string;
  follow_up_sessions: number;
  outcome_checks_adopted: number;
  latest_outcome_check: Row<'follow_up', 'adopted'>['adopted'];
  surveys_answered: number;
  survey_mean_overall: number | null;
  survey_mean_usefulness: number | null;
  marked_at: Row<'award_candidate_mark', 'marked_at'>['marked_at'] | null;
  mark_note: Row<'award_candidate_mark', 'note'>['note'] | null;
  marked_by_name: Row<'app_user', 'display_name'>['display_name'] | null;
};

export type NominationRow = Row<
  'award_nomination',
  | 'id'
  | 'organization_id'
  | 'award_kind_id'
  | 'fiscal_year'
  | 'status'
  | 'note'
  | 'version'
  | 'updated_at'
> & { nominated_on: string; decided_on: string | null };

export type AwardKindRow = Row<'award_kind', 'id' | 'name_ja' | 'name_en' | 'ministry' | 'active'>;

const NOMINATION_COLUMNS = `id, organization_id, award_kind_id, fiscal_year, status, note, version, updated_at,
  to_char(nominated_on, 'YYYY-MM-DD') AS nominated_on, to_char(decided_on, 'YYYY-MM-DD') AS decided_on`;

/**
 * The award candidates' SQL. The candidate list reads organizations, sessions, follow-ups and
 * surveys read-only (like the reports); it writes only the award tables.
 */
@Injectable()
export class AwardsRepository {
  async kinds(db: EntityManager): Promise<AwardKindRow[]> {
    return db.query(
      `SELECT id, name_ja, name_en, ministry, active FROM award_kind ORDER BY sort_order, id`,
    );
  }

  async kindExists(db: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM award_kind WHERE id = $1 AND active`, [
      id,
    ]);
    return rows.length > 0;
  }

  async organizationExists(db: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM organization WHERE id = $1 AND merged_into IS NULL`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Organizations that may be candidates in the fiscal year: adopted ones, and any marked or
   * nominated that year (so a mark never disappears from the list). Facts count up to the end
   * of the fiscal year (31 March, Tokyo), so an older year's list does not change with later
   * facts; the telework status is the current one (it has no history).
   */
  async candidates(
    db: EntityManager,
    filters: CandidateFilters,
    sizeBandSql: (column: string) => string,
  ): Promise<CandidateRow[]> {
    const params: unknown[] = [filters.fiscalYear];
    const where: string[] = [
      'o.merged_into IS NULL',
      `(o.telework_status = 'adopted' OR m.organization_id IS NOT NULL OR EXISTS (
         SELECT 1 FROM award_nomination n WHERE n.organization_id = o.id AND n.fiscal_year = $1))`,
    ];
    if (filters.deskId) {
      params.push(filters.deskId);
      where.push(`dp.desk_id = $${params.length}`);
    }
    if (filters.prefectureCode) {
      params.push(filters.prefectureCode);
      where.push(`o.prefecture_code = $${params.length}`);
    }
    if (filters.industryCode) {
      params.push(filters.industryCode);
      where.push(`o.industry_code = $${params.length}`);
    }
    if (filters.sizeBand) {
      params.push(filters.sizeBand);
      where.push(`${sizeBandSql('o.employees')} = $${params.length}`);
    }
    if (filters.onlyMarked) {
      where.push('m.organization_id IS NOT NULL');
    }
    return db.query(
      `WITH fy AS (SELECT make_date($1::int + 1, 4, 1)::timestamp AT TIME ZONE 'Asia/Tokyo' AS fy_end)
       SELECT o.id, o.name, o.prefecture_code, dp.desk_id, o.industry_code, o.employees,
              ${sizeBandSql('o.employees')} AS size_band, o.telework_status,
              fs.n AS follow_up_sessions, oc.adopted AS outcome_checks_adopted,
              oc.latest AS latest_outcome_check, sv.answered AS surveys_answered,
              sv.mean_overall AS survey_mean_overall, sv.mean_usefulness AS survey_mean_usefulness,
              m.marked_at, m.note AS mark_note, u.display_name AS marked_by_name
         FROM organization o
         CROSS JOIN fy
         LEFT JOIN desk_prefecture dp ON dp.prefecture_code = o.prefecture_code
         LEFT JOIN award_candidate_mark m ON m.organization_id = o.id AND m.fiscal_year = $1
         LEFT JOIN app_user u ON u.id = m.marked_by
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n FROM expert_session s
            WHERE s.organization_id = o.id AND s.kind = 'follow_up' AND s.status = 'completed'
              AND lower(s.scheduled) < fy.fy_end) fs
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE f.adopted = 'adopted')::int AS adopted,
                  (array_agg(f.adopted ORDER BY f.completed_at DESC))[1] AS latest
             FROM follow_up f JOIN "case" c ON c.id = f.case_id
            WHERE c.organization_id = o.id AND f.kind = 'outcome_check' AND f.status = 'done'
              AND f.completed_at < fy.fy_end) oc
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS answered, avg(q.overall)::float8 AS mean_overall,
                  avg(q.usefulness)::float8 AS mean_usefulness
             FROM satisfaction_survey q JOIN expert_session s ON s.id = q.session_id
            WHERE s.organization_id = o.id AND q.answered_at IS NOT NULL
              AND q.answered_at < fy.fy_end) sv
        WHERE ${where.join(' AND ')}
        ORDER BY o.name, o.id`,
      params,
    );
  }

  async nominationsOf(
    db: EntityManager,
    fiscalYear: number,
    organizationIds: string[],
  ): Promise<NominationRow[]> {
    return db.query(
      `SELECT ${NOMINATION_COLUMNS} FROM award_nomination
        WHERE fiscal_year = $1 AND organization_id = ANY($2::uuid[])
        ORDER BY nominated_on, award_kind_id`,
      [fiscalYear, organizationIds],
    );
  }

  async nomination(db: EntityManager, id: string): Promise<NominationRow | null> {
    const rows: NominationRow[] = await db.query(
      `SELECT ${NOMINATION_COLUMNS} FROM award_nomination WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks (or re-marks with a new note); returns whether the organization was marked already. */
  async mark(
    db: EntityManager,
    organizationId: string,
    fiscalYear: number,
    note: string,
    userId: string,
  ): Promise<{ existed: boolean }> {
    const rows: { inserted: boolean }[] = await db.query(
      `INSERT INTO award_candidate_mark (organization_id, fiscal_year, note, marked_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET note = EXCLUDED.note
       RETURNING (xmax = 0) AS inserted`,
      [organizationId, fiscalYear, note, userId],
    );
    return { existed: rows[0]?.inserted === false };
  }

  async unmark(db: EntityManager, organizationId: string, fiscalYear: number): Promise<boolean> {
    // For DELETE, TypeORM's pg driver answers [rows, affectedCount].
    const [, count] = await db.query<[unknown, number]>(
      `DELETE FROM award_candidate_mark WHERE organization_id = $1 AND fiscal_year = $2`,
      [organizationId, fiscalYear],
    );
    return count > 0;
  }

  /** Null when the organization already has a nomination for that award and year. */
  async insertNomination(
    db: EntityManager,
    n: {
      organizationId: string;
      awardKindId: string;
      fiscalYear: number;
      nominatedOn: string;
      note: string;
      userId: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO award_nomination (organization_id, award_kind_id, fiscal_year, status, nominated_on, note, recorded_by)
       VALUES ($1, $2, $3, 'nominated', $4, $5, $6)
       ON CONFLICT (organization_id, award_kind_id, fiscal_year) DO NOTHING
       RETURNING id`,
      [n.organizationId, n.awardKindId, n.fiscalYear, n.nominatedOn, n.note, n.userId],
    );
    return rows[0]?.id ?? null;
  }

  /** The result, guarded by the version; false when someone changed it meanwhile. */
  async updateNomination(
    db: EntityManager,
    id: string,
    version: number,
    change: { status: string; decidedOn: string | null; note: string; userId: string },
  ): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE award_nomination
          SET status = $3, decided_on = $4, note = $5, recorded_by = $6,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
        RETURNING id`,
      [id, version, change.status, change.decidedOn, change.note, change.userId],
    );
    return rows.length > 0;
  }

  /**
   * A merge: the duplicate's marks and nominations move to the survivor. Where the survivor has
   * its own for the same year (and award), the survivor's stays; such a nomination is left on the
   * merged-away record rather than deleted, since it is the history of a decision.
   */
  async moveToOrganization(
    db: EntityManager,
    fromId: string,
    toId: string,
  ): Promise<{ marks: number; nominations: number; nominationsLeft: number }> {
    const marks = await db.query<unknown[]>(
      `INSERT INTO award_candidate_mark (organization_id, fiscal_year, marked_by, note, marked_at)
       SELECT $2, fiscal_year, marked_by, note, marked_at FROM award_candidate_mark
        WHERE organization_id = $1
       ON CONFLICT (organization_id, fiscal_year) DO NOTHING RETURNING fiscal_year`,
      [fromId, toId],
    );
    await db.query(`DELETE FROM award_candidate_mark WHERE organization_id = $1`, [fromId]);
    // For UPDATE, TypeORM's pg driver answers [rows, affectedCount].
    const [, nominations] = await db.query<[unknown, number]>(
      `UPDATE award_nomination n SET organization_id = $2, updated_at = now()
        WHERE n.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM award_nomination x WHERE x.organization_id = $2
                             AND x.award_kind_id = n.award_kind_id AND x.fiscal_year = n.fiscal_year)`,
      [fromId, toId],
    );
    const [left] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM award_nomination WHERE organization_id = $1`,
      [fromId],
    );
    return { marks: marks.length, nominations, nominationsLeft: left?.n ?? 0 };
  }
}
