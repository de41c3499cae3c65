import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports for managers: the government's reference figures shown next to the outcomes, frozen
 * results snapshots, and the indexes that keep caseload reports fast over years of history
 * (measured in docs/benchmarks.md, "Reports").
 */
export class Reports1795800000000 implements MigrationInterface {
  name = 'Reports1795800000000';

  async up(db: QueryRunner): Promise<void> {
    // Reference figures change with each government plan, so they are data an admin edits.
    // MIC's survey counts only firms with 100+ employees: the API labels them as a reference.
    await db.query(`
      CREATE TABLE report_target (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        kind text NOT NULL CHECK (kind IN ('target', 'measured')),
        area text NOT NULL CHECK (area IN ('national', 'regional', 'urban')),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        rate_percent numeric(5, 2) NOT NULL CHECK (rate_percent BETWEEN 0 AND 100),
        label_ja text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 200),
        label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
        sort_order integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO report_target (code, kind, area, year, rate_percent, label_ja, label_en, sort_order) VALUES
        ('national_fy2025', 'target', 'national', 2025, 55.2, '全国の導入率目標(2025年度)', 'National adoption target (FY2025)', 10),
        ('regional_fy2025', 'target', 'regional', 2025, 45.4, '地方部の導入率目標(2025年度)', 'Regional adoption target (FY2025)', 20),
        ('urban_fy2025', 'target', 'urban', 2025, 60.2, '都市部の導入率(2025年度に維持)', 'Urban adoption rate to keep (FY2025)', 30),
        ('national_2023', 'measured', 'national', 2023, 49.9, '導入率の実績(2023年)', 'Measured adoption rate (2023)', 40)`);

    // A submitted report never changes: the figures are stored as computed, per period and
    // scope ('all', or the desk a regional manager sees).
    await db.query(`
      CREATE TABLE report_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period text NOT NULL CHECK (period ~ '^(FY[0-9]{4}|[0-9]{4}-(0[1-9]|1[0-2]))$'),
        scope text NOT NULL CHECK (length(scope) BETWEEN 1 AND 32),
        figures jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (period, scope)
      )`);
    await db.query(`
      CREATE FUNCTION report_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'report_snapshot is frozen: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER report_snapshot_no_change BEFORE UPDATE ON report_snapshot
      FOR EACH ROW EXECUTE FUNCTION report_snapshot_frozen()`);

    // Caseload, outcomes and the funnel read a period's cases with these columns only: an
    // index-only scan over the received_at range instead of visiting a third of the table.
    await db.query(`
      CREATE INDEX case_report_received_idx ON "case" (received_at)
        INCLUDE (desk_id, transfer_to_desk_id, organization_id, channel, status, outcome)`);
    // The backlog reads open cases only, which stay a small share of the table.
    await db.query(`
      CREATE INDEX case_report_open_idx ON "case" (received_at)
        INCLUDE (desk_id, transfer_to_desk_id, organization_id, channel)
        WHERE status NOT IN ('resolved', 'closed')`);
    // The SLA report reads only cases with a first-response clock.
    await db.query(`
      CREATE INDEX case_report_first_response_idx ON "case" (received_at)
        INCLUDE (desk_id, transfer_to_desk_id, organization_id, channel, first_response_due_at, first_responded_at)
        WHERE first_response_due_at IS NOT NULL`);
    // Reports group a year of cases by the organization's prefecture, industry, size and SME
    // flag: hashing these narrow index tuples beats reading the wide organization rows.
    await db.query(`
      CREATE INDEX organization_report_idx ON organization (id)
        INCLUDE (prefecture_code, industry_code, employees, sme)`);
    // Sessions by their day (kind mix, experts' load, honoraria by month).
    await db.query(
      `CREATE INDEX expert_session_scheduled_idx ON expert_session (lower(scheduled)) INCLUDE (case_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX expert_session_scheduled_idx`);
    await db.query(`DROP INDEX organization_report_idx`);
    await db.query(`DROP INDEX case_report_first_response_idx`);
    await db.query(`DROP INDEX case_report_open_idx`);
    await db.query(`DROP INDEX case_report_received_idx`);
    await db.query(`DROP TABLE report_snapshot`);
    await db.query(`DROP FUNCTION report_snapshot_frozen()`);
    await db.query(`DROP TABLE report_target`);
  }
}
