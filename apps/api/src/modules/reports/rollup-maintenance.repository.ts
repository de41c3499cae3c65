import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Row } from '../../database/rows';

/**
 * An answered case whose business minutes to first response are not stored yet. Instants twice:
 * as epoch milliseconds for the clock, and as text to store back exactly (report_first_response
 * counts only while they still equal the case's).
 */
export type MissingFirstResponseRow = Row<'case', 'id' | 'desk_id'> & {
  received: number;
  responded: number;
  received_text: string;
  responded_text: string;
};

/** Business minutes to first response, as computed on the desk's calendar. */
export interface FirstResponseMinutes {
  caseId: string;
  deskId: string;
  receivedAt: string;
  respondedAt: string;
  minutes: number;
}

/** The report roll-ups' upkeep (migration ReportRollups), on the primary. */
@Injectable()
export class RollupMaintenanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the roll-ups' migration has run on this database. */
  async rollupsExist(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ ready: boolean }[]>(
      `SELECT to_regclass('report_case_state') IS NOT NULL AS ready`,
    );
    return row?.ready ?? false;
  }

  /**
   * Counts up to `batch` queued case changes into the roll-ups (ReportPendingCases), in its own
   * transaction; answers how many queue entries it took. Waits while another applier runs.
   */
  async applyPending(batch: number): Promise<number> {
    const [row] = await this.dataSource.query<{ taken: number }[]>(
      `SELECT report_apply_pending($1) AS taken`,
      [batch],
    );
    return row?.taken ?? 0;
  }

  /** When the oldest queued change's transaction began; null when the queue is empty. */
  async oldestQueued(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(
      `SELECT min(queued_at) AS at FROM report_pending_case`,
    );
    return row?.at ?? null;
  }

  /** The queue's length and the age of its oldest entry (seconds; 0 when empty). */
  async queue(): Promise<{ cases: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query<{ cases: number; oldest: number }[]>(
      `SELECT count(*)::int AS cases,
              coalesce(extract(epoch FROM now() - min(queued_at)), 0)::float8 AS oldest
         FROM report_pending_case`,
    );
    return { cases: row?.cases ?? 0, oldestSeconds: row?.oldest ?? 0 };
  }

  /** Folds the roll-ups' deltas; a no-op while another instance does it. */
  async compact(): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(`SELECT report_rollup_compact()`);
    });
  }

  /**
   * At most `limit` answered cases whose business minutes are missing. The state's partial index
   * is read first and limited before the join, so the probe stays an index read when nothing is
   * missing whatever the statistics say: joined first, with statistics from before a big fill
   * (autovacuum not yet round), PostgreSQL read all 3,000,000 cases to find none — 3 s before
   * every SLA report (docs/benchmarks.md, "Growth at stop 31").
   */
  missingFirstResponses(limit: number): Promise<MissingFirstResponseRow[]> {
    return this.dataSource.query<MissingFirstResponseRow[]>(
      `SELECT c.id, c.desk_id,
                (extract(epoch FROM c.received_at) * 1000)::float8 AS received,
                (extract(epoch FROM c.first_responded_at) * 1000)::float8 AS responded,
                c.received_at::text AS received_text, c.first_responded_at::text AS responded_text
           FROM (SELECT s.case_id FROM report_case_state s
                  WHERE s.fr_verdict IN ('met', 'late') AND s.fr_minutes IS NULL
                  LIMIT ${limit}) s
           JOIN "case" c ON c.id = s.case_id
          WHERE c.first_responded_at IS NOT NULL`,
    );
  }

  /** Its trigger moves each case into the SLA histogram. */
  async storeFirstResponseMinutes(rows: FirstResponseMinutes[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO report_first_response (case_id, desk_id, received_at, responded_at, minutes)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
         ON CONFLICT (case_id) DO UPDATE SET desk_id = excluded.desk_id,
           received_at = excluded.received_at, responded_at = excluded.responded_at,
           minutes = excluded.minutes`,
      [
        rows.map((r) => r.caseId),
        rows.map((r) => r.deskId),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.respondedAt),
        rows.map((r) => r.minutes),
      ],
    );
  }
}
