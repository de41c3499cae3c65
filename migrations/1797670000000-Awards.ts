import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Award candidates (issue #21): the awards the desks nominate organizations for, the staff's
 * marks on candidates per fiscal year, and each nomination with its result. The evidence itself
 * is not stored: it is read from the organizations, sessions, follow-ups and surveys when the
 * list is asked for, so it is never stale. The awards are reference data (names change over the
 * years, config), seeded with the two DOMAIN.md names and the MIC programme's older name.
 */
export class Awards1797670000000 implements MigrationInterface {
  name = 'Awards1797670000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE award_kind (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,31}$'),
        name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 200),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        ministry text NOT NULL CHECK (ministry IN ('mic', 'mhlw', 'other')),
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      INSERT INTO award_kind (id, name_ja, name_en, ministry, sort_order) VALUES
        ('top_runner', 'テレワークトップランナー（総務大臣賞）', 'Telework Top Runner (MIC Minister''s Award)', 'mic', 1),
        ('kagayaku_telework', '輝くテレワーク賞', 'Kagayaku Telework Award (MHLW)', 'mhlw', 2),
        ('pioneer_hundred', 'テレワーク先駆者百選', 'Telework Pioneers 100 (MIC)', 'mic', 3)`);
    await db.query(`
      CREATE TABLE award_candidate_mark (
        organization_id uuid NOT NULL REFERENCES organization(id),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        marked_by uuid REFERENCES app_user(id),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, fiscal_year)
      )`);
    await db.query(
      `CREATE INDEX award_candidate_mark_year_idx ON award_candidate_mark (fiscal_year)`,
    );
    await db.query(`
      CREATE TABLE award_nomination (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        award_kind_id text NOT NULL REFERENCES award_kind(id),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        status text NOT NULL CHECK (status IN ('nominated', 'selected', 'not_selected')),
        nominated_on date NOT NULL,
        decided_on date,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        recorded_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, award_kind_id, fiscal_year),
        CHECK ((status = 'nominated') = (decided_on IS NULL)),
        CHECK (decided_on IS NULL OR decided_on >= nominated_on)
      )`);
    await db.query(`CREATE INDEX award_nomination_year_idx ON award_nomination (fiscal_year)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE award_nomination`);
    await db.query(`DROP TABLE award_candidate_mark`);
    await db.query(`DROP TABLE award_kind`);
  }
}
