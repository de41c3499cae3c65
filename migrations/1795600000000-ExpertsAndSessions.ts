import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Telework managers (experts), their sessions with organizations, the free-session allowance
 * (program setting plus managers' grants) and the experts' private calendar feeds.
 */
export class ExpertsAndSessions1795600000000 implements MigrationInterface {
  name = 'ExpertsAndSessions1795600000000';

  async up(db: QueryRunner): Promise<void> {
    // One row: the program's terms. Other programs allow 5 sessions, or renew them every year.
    await db.query(`
      CREATE TABLE program_setting (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        session_limit integer NOT NULL DEFAULT 3 CHECK (session_limit BETWEEN 0 AND 20),
        session_period text NOT NULL DEFAULT 'lifetime' CHECK (session_period IN ('lifetime', 'fiscal_year')),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO program_setting DEFAULT VALUES`);

    // The API checks that user_id is an expert; the profile outlives a later change of role.
    await db.query(`
      CREATE TABLE expert_profile (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES app_user(id),
        qualifications text[] NOT NULL DEFAULT '{}'
          CHECK (qualifications <@ ARRAY['it_coordinator', 'sharoushi', 'sme_consultant', 'other']),
        -- Topic codes; an array cannot carry a foreign key, so the API validates them.
        specialties text[] NOT NULL DEFAULT '{}'
          CHECK (array_to_string(specialties, ',') ~ '^([A-Z]+(\\.[A-Z]+)?(,|$))*$'),
        prefectures char(2)[] NOT NULL DEFAULT '{}'
          CHECK (array_to_string(prefectures, ',') ~ '^((0[1-9]|[1-3][0-9]|4[0-7])(,|$))*$'),
        capacity_per_month integer NOT NULL DEFAULT 8 CHECK (capacity_per_month BETWEEN 0 AND 200),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX expert_profile_specialties_idx ON expert_profile USING gin (specialties)`,
    );

    // Sessions name the case and its organization together; this key lets them do so.
    await db.query(
      `ALTER TABLE "case" ADD CONSTRAINT case_id_organization_key UNIQUE (id, organization_id)`,
    );

    await db.query(`
      CREATE TABLE expert_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        -- Denormalised from the case: the allowance belongs to the organization across all its
        -- cases, and the booking counts it under the organization's row lock.
        organization_id uuid NOT NULL REFERENCES organization(id),
        expert_id uuid NOT NULL REFERENCES expert_profile(id),
        kind text NOT NULL CHECK (kind IN ('assessment', 'preparation', 'follow_up')),
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
        scheduled tstzrange NOT NULL CHECK (
          NOT isempty(scheduled) AND NOT lower_inf(scheduled) AND NOT upper_inf(scheduled)
          AND upper(scheduled) - lower(scheduled) <= interval '8 hours'),
        mode text NOT NULL CHECK (mode IN ('onsite', 'online')),
        location text CHECK (length(location) <= 300),
        kind_override_reason text CHECK (length(kind_override_reason) BETWEEN 1 AND 1000),
        findings text CHECK (length(findings) <= 20000),
        recommendations text CHECK (length(recommendations) <= 20000),
        next_steps text CHECK (length(next_steps) <= 20000),
        minutes_spent integer CHECK (minutes_spent BETWEEN 0 AND 1440),
        honorarium_yen integer CHECK (honorarium_yen BETWEEN 0 AND 10000000),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 1000),
        -- The fiscal year (April–March, Tokyo time) of the session's day, for a yearly allowance.
        fiscal_year integer GENERATED ALWAYS AS
          (extract(year FROM (lower(scheduled) AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer) STORED,
        booked_by uuid REFERENCES app_user(id),
        closed_by uuid REFERENCES app_user(id),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Deferred, so a merge may move the case and then its sessions in one transaction; at
        -- commit a session's organization is always its case's organization.
        CONSTRAINT expert_session_case_fkey FOREIGN KEY (case_id, organization_id)
          REFERENCES "case"(id, organization_id) DEFERRABLE INITIALLY DEFERRED,
        -- An expert cannot be in two places at once; a cancelled session frees its slot.
        CONSTRAINT expert_session_no_overlap EXCLUDE USING gist (expert_id WITH =, scheduled WITH &&)
          WHERE (status <> 'cancelled'),
        CHECK (status <> 'completed' OR (findings IS NOT NULL AND minutes_spent IS NOT NULL)),
        CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX expert_session_organization_idx ON expert_session (organization_id, fiscal_year)
        WHERE status <> 'cancelled'`,
    );
    await db.query(`CREATE INDEX expert_session_case_idx ON expert_session (case_id)`);
    await db.query(
      `CREATE INDEX expert_session_expert_idx ON expert_session (expert_id, lower(scheduled))`,
    );

    // A manager's exception: one more free session for the organization, with the reason why.
    await db.query(`
      CREATE TABLE session_allowance_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        granted_by uuid NOT NULL REFERENCES app_user(id),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- With a yearly allowance a grant adds to the fiscal year it was made in.
        fiscal_year integer GENERATED ALWAYS AS
          (extract(year FROM (created_at AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer) STORED
      )`);
    await db.query(
      `CREATE INDEX session_allowance_grant_organization_idx ON session_allowance_grant (organization_id)`,
    );

    // Like sessions and API tokens: only the token's SHA-256 is stored.
    await db.query(`
      CREATE TABLE expert_calendar_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        expert_id uuid NOT NULL REFERENCES expert_profile(id),
        token_hash bytea NOT NULL UNIQUE,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX expert_calendar_token_live_key ON expert_calendar_token (expert_id)
        WHERE revoked_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE expert_calendar_token`);
    await db.query(`DROP TABLE session_allowance_grant`);
    await db.query(`DROP TABLE expert_session`);
    await db.query(`ALTER TABLE "case" DROP CONSTRAINT case_id_organization_key`);
    await db.query(`DROP TABLE expert_profile`);
    await db.query(`DROP TABLE program_setting`);
  }
}
