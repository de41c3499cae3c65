import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outreach events (seminars, tours, Telework Month events…) and their registrations. The
 * registration owns the link to a case opened from an attendee (`case_id`): the events module
 * writes it without the cases module knowing about events, and one attendee opens at most one
 * case, so the funnel joins registration → case → sessions → organization in one direction.
 */
export class Events1797600000000 implements MigrationInterface {
  name = 'Events1797600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('seminar', 'experience_seminar', 'exchange_event', 'tour',
          'telework_month', 'co_sponsored')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        -- April–March in JST, derived from starts_at by the API (libs/domain fiscalYearOf).
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        venue text CHECK (length(venue) <= 500),
        online_url text CHECK (online_url ~ '^https?://' AND length(online_url) <= 2000),
        prefecture_code text CHECK (prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'),
        -- null: no limit (e.g. a webinar).
        capacity integer CHECK (capacity > 0),
        organizer_kind text NOT NULL CHECK (organizer_kind IN ('mic', 'mhlw', 'regional_desk',
          'tokyo_metropolitan', 'chamber_of_commerce', 'other')),
        organizer_desk_id text REFERENCES desk(id),
        organizer_name text CHECK (length(organizer_name) <= 200),
        co_sponsors text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (venue IS NOT NULL OR online_url IS NOT NULL),
        CHECK ((organizer_kind = 'regional_desk') = (organizer_desk_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX event_fiscal_year_idx ON event (fiscal_year, starts_at)`);
    await db.query(`
      CREATE TABLE event_registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        contact_id uuid REFERENCES contact(id),
        -- As the attendee or the partner's list gave them.
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_kana text CHECK (length(name_kana) <= 200),
        email text CHECK (length(email) <= 254),
        phone text CHECK (length(phone) <= 40),
        status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
        attendance text CHECK (attendance IN ('attended', 'no_show')),
        case_id uuid UNIQUE REFERENCES "case"(id),
        source text NOT NULL CHECK (source IN ('staff', 'import')),
        registered_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CHECK (attendance IS NULL OR status = 'registered')
      )`);
    await db.query(
      `CREATE INDEX event_registration_event_idx ON event_registration (event_id, status, registered_at)`,
    );
    await db.query(
      `CREATE INDEX event_registration_organization_idx ON event_registration (organization_id)`,
    );
    // One live registration per address and event: a second list from another partner matches it.
    await db.query(
      `CREATE UNIQUE INDEX event_registration_email_key ON event_registration (event_id, lower(email))
        WHERE email IS NOT NULL AND status <> 'cancelled'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE event_registration`);
    await db.query(`DROP TABLE event`);
  }
}
