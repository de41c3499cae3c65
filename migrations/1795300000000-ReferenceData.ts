import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Desks and their coverage, the topic taxonomy, the referral catalogue, and staff users. */
export class ReferenceData1795300000000 implements MigrationInterface {
  name = 'ReferenceData1795300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await db.query(`
      CREATE TABLE desk (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,31}$'),
        kind text NOT NULL CHECK (kind IN ('national', 'regional')),
        name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Exactly one regional desk covers each prefecture; the national center covers the whole country.
    await db.query(`
      CREATE TABLE desk_prefecture (
        prefecture_code char(2) PRIMARY KEY CHECK (prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'),
        desk_id text NOT NULL REFERENCES desk(id) ON UPDATE CASCADE
      )`);
    await db.query(`CREATE INDEX desk_prefecture_desk_idx ON desk_prefecture (desk_id)`);

    await db.query(`
      CREATE TABLE topic (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]+(\\.[A-Z]+)?$'),
        parent_code text REFERENCES topic(code),
        label_ja text NOT NULL,
        label_en text NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        CHECK ((parent_code IS NULL) = (position('.' in code) = 0))
      )`);

    // Versioned by fiscal year (April–March): a program's terms change from year to year.
    await db.query(`
      CREATE TABLE referral_program (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[a-z0-9_.-]{2,64}$'),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        provider text NOT NULL CHECK (provider IN ('mhlw', 'mic', 'tokyo', 'chamber', 'other')),
        kind text NOT NULL CHECK (kind IN ('subsidy', 'consultation', 'support_center', 'award', 'guideline')),
        name_ja text NOT NULL,
        name_en text NOT NULL,
        summary_ja text NOT NULL DEFAULT '',
        url text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, fiscal_year)
      )`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('operator', 'desk_staff', 'expert', 'manager', 'admin')),
        desk_id text REFERENCES desk(id) ON UPDATE CASCADE,
        active boolean NOT NULL DEFAULT true,
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Regional desk staff cannot exist without the desk they belong to.
        CHECK (role <> 'desk_staff' OR desk_id IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE referral_program`);
    await db.query(`DROP TABLE topic`);
    await db.query(`DROP TABLE desk_prefecture`);
    await db.query(`DROP TABLE desk`);
  }
}
