import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cooperation plans' activities: what each party (the same parties that organize events)
 * does in a fiscal year, with a target and a recorded achieved figure, and links to the events
 * and case referrals that count towards it, so the plan's progress is a report. The links
 * belong to the partner-plans module; an event or a referral removed by its owner takes its
 * links with it (ON DELETE CASCADE), since a link to nothing counts nothing.
 *
 * The referral catalogue gains its owner: who runs a program that year (e.g. 東京しごと財団),
 * beside the provider, so staff know whom the organization will deal with.
 */
export class PartnerPlans1797660000000 implements MigrationInterface {
  name = 'PartnerPlans1797660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE referral_program ADD COLUMN owner text CHECK (length(owner) BETWEEN 1 AND 200)`,
    );
    await db.query(`
      CREATE TABLE partner_plan_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        party text NOT NULL CHECK (party IN ('mic', 'mhlw', 'regional_desk',
          'tokyo_metropolitan', 'chamber_of_commerce', 'other')),
        party_desk_id text REFERENCES desk(id),
        party_name text CHECK (length(party_name) BETWEEN 1 AND 200),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
        -- What the figures count, e.g. 回, 社, 部.
        unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 40),
        -- null: no numeric target (a qualitative activity).
        target integer CHECK (target >= 0),
        -- The figure the party reports, entered by hand; null until reported.
        achieved integer CHECK (achieved >= 0),
        created_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((party = 'regional_desk') = (party_desk_id IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX partner_plan_activity_year_idx ON partner_plan_activity (fiscal_year, party)`,
    );
    await db.query(`
      CREATE TABLE partner_plan_activity_event (
        activity_id uuid NOT NULL REFERENCES partner_plan_activity(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, event_id)
      )`);
    await db.query(
      `CREATE INDEX partner_plan_activity_event_event_idx ON partner_plan_activity_event (event_id)`,
    );
    await db.query(`
      CREATE TABLE partner_plan_activity_referral (
        activity_id uuid NOT NULL REFERENCES partner_plan_activity(id) ON DELETE CASCADE,
        referral_id uuid NOT NULL REFERENCES case_referral(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, referral_id)
      )`);
    await db.query(
      `CREATE INDEX partner_plan_activity_referral_referral_idx ON partner_plan_activity_referral (referral_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE partner_plan_activity_referral`);
    await db.query(`DROP TABLE partner_plan_activity_event`);
    await db.query(`DROP TABLE partner_plan_activity`);
    await db.query(`ALTER TABLE referral_program DROP COLUMN owner`);
  }
}
