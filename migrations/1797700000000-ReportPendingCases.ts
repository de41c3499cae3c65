import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshingTrigger, type RollupTrigger, TRIGGERS } from './1795900000000-ReportRollups';
import { rebuildFunction, ROLLUPS } from './1795910000000-ReportRollupGrains';

/**
 * The report roll-ups' upkeep leaves the write's transaction (issue #17).
 *
 * Until now every statement touching a case recounted it in the writer's transaction: an intake
 * recounted its case twice (the case, then its topics), each time locking the case's state row
 * and writing deltas to every roll-up — about 4.5 ms of PostgreSQL's CPU per intake, a third of
 * its database work. Now the triggers only queue the touched cases' ids (one heap row per
 * statement, no index), and `report_apply_pending` recounts the queue in batches: many cases a
 * statement, their deltas summed per key before they are written, so a day's intakes on one desk
 * and channel become one delta row instead of one each.
 *
 * Exactness is kept, not traded: every report applies the queue before it reads (the API's
 * RollupMaintenanceService), and a background timer applies it every 5 s where jobs run, so
 * the queue stays short. Appliers take one advisory lock, so a report waiting for it finds,
 * once it holds it, every change committed before it asked either applied or in the queue.
 * Applying a case twice changes nothing (the recount compares with the stored state), which is
 * what makes the queue safe to apply at any time, by anyone, after a rebuild too.
 */

// The cases each statement touched, as the refreshing triggers computed them, now queued.
const queueingTrigger = (t: RollupTrigger) => `
  CREATE OR REPLACE FUNCTION ${t.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO report_pending_case (case_id)
      SELECT DISTINCT x.id FROM (${t.insert}) AS x (id) WHERE x.id IS NOT NULL;
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO report_pending_case (case_id)
      SELECT DISTINCT x.id FROM (${t.update}) AS x (id) WHERE x.id IS NOT NULL;
    ELSE
      INSERT INTO report_pending_case (case_id)
      SELECT DISTINCT x.id FROM (${t.delete}) AS x (id) WHERE x.id IS NOT NULL;
    END IF;
    RETURN NULL;
  END $$`;

// A new or deleted organization has no cases; only its edits move them.
const ORGANIZATION_TRIGGERS = [
  ['report_organization_inserted', 'INSERT', 'NEW TABLE AS new_rows'],
  ['report_organization_deleted', 'DELETE', 'OLD TABLE AS old_rows'],
] as const;

export class ReportPendingCases1797700000000 implements MigrationInterface {
  name = 'ReportPendingCases1797700000000';

  async up(db: QueryRunner): Promise<void> {
    // A queue: inserted by every write, emptied every few seconds. Vacuumed by the number of dead
    // rows rather than by a share of a table that is nearly always empty.
    await db.query(`
      CREATE TABLE report_pending_case (
        case_id uuid NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now()
      ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
              autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000)`);
    await db.query(`
      CREATE FUNCTION report_apply_pending(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
        taken integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('report_apply_pending'));
        WITH queued AS (
          DELETE FROM report_pending_case
           WHERE ctid = ANY (ARRAY(SELECT ctid FROM report_pending_case LIMIT batch))
          RETURNING case_id)
        SELECT array_agg(DISTINCT case_id), count(*) INTO ids, taken FROM queued;
        PERFORM report_refresh_cases(ids);
        RETURN taken;
      END $$`);
    for (const t of TRIGGERS) {
      await db.query(queueingTrigger(t));
    }
    // A rebuild counts everything committed before it: what was queued until then goes (a bulk
    // change followed by a rebuild leaves no queue of millions for the next report).
    await db.query(rebuildFunction(ROLLUPS, true, true));
    for (const [name] of ORGANIZATION_TRIGGERS) {
      await db.query(`DROP TRIGGER ${name} ON organization`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name, event, transition] of ORGANIZATION_TRIGGERS) {
      await db.query(`CREATE TRIGGER ${name} AFTER ${event} ON organization
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION report_organization_changed()`);
    }
    for (const t of TRIGGERS) {
      await db.query(refreshingTrigger(t));
    }
    // What is still queued is counted before the queue goes.
    await db.query(
      `SELECT report_refresh_cases(ARRAY(SELECT DISTINCT case_id FROM report_pending_case))`,
    );
    await db.query(rebuildFunction(ROLLUPS, true));
    await db.query(`DROP FUNCTION report_apply_pending(integer)`);
    await db.query(`DROP TABLE report_pending_case`);
  }
}
