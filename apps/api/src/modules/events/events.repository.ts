import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type EventRow = Row<
  'event',
  | 'id'
  | 'kind'
  | 'title'
  | 'description'
  | 'starts_at'
  | 'ends_at'
  | 'fiscal_year'
  | 'venue'
  | 'online_url'
  | 'prefecture_code'
  | 'capacity'
  | 'organizer_kind'
  | 'organizer_desk_id'
  | 'organizer_name'
  | 'co_sponsors'
  | 'topics'
  | 'published'
  | 'version'
  | 'created_at'
  | 'updated_at'
>;

export interface EventCountsRow {
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  no_show: number;
  cases_opened: number;
}

export type EventWithCounts = EventRow & EventCountsRow;

export type RegistrationRow = Row<
  'event_registration',
  | 'id'
  | 'event_id'
  | 'organization_id'
  | 'contact_id'
  | 'name'
  | 'name_kana'
  | 'email'
  | 'phone'
  | 'status'
  | 'attendance'
  | 'case_id'
  | 'source'
  | 'registered_at'
  | 'version'
> & { organization_name: string; case_number: string | null };

/** The columns of an event a write sets (fiscal_year derived by the service). */
export type EventValues = Omit<EventRow, 'id' | 'version' | 'created_at' | 'updated_at'>;

export type NewRegistration = Pick<
  RegistrationRow,
  | 'event_id'
  | 'organization_id'
  | 'contact_id'
  | 'name'
  | 'name_kana'
  | 'email'
  | 'phone'
  | 'source'
> &
  // A public registration's link hash and consent (null for staff and imports).
  Partial<
    Row<'event_registration', 'cancel_token_sha256' | 'consent_version' | 'consent_text_sha256'>
  >;

/** A registration found by its cancellation link, with what its page shows of the event. */
export type CancellableRow = Row<'event_registration', 'id' | 'event_id' | 'name' | 'status'> & {
  organization_name: string;
};

/** One public registrant to mail, with the event's facts the mail states. */
export type MailRow = Row<'event_registration', 'id' | 'name' | 'email'> &
  Row<
    'event',
    'title' | 'kind' | 'description' | 'starts_at' | 'ends_at' | 'venue' | 'online_url' | 'capacity'
  > & { event_id: string };

const COUNTS = `LATERAL (SELECT
    count(*) FILTER (WHERE r.status = 'registered')::int AS registered,
    count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted,
    count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
    count(*) FILTER (WHERE r.attendance = 'attended')::int AS attended,
    count(*) FILTER (WHERE r.attendance = 'no_show')::int AS no_show,
    count(r.case_id)::int AS cases_opened
  FROM event_registration r WHERE r.event_id = e.id) k`;

const REGISTRATION_COLUMNS = `r.id, r.event_id, r.organization_id, r.contact_id, r.name, r.name_kana,
  r.email, r.phone, r.status, r.attendance, r.case_id, r.source, r.registered_at, r.version,
  o.name AS organization_name, c.number AS case_number`;
const REGISTRATION_FROM = `event_registration r JOIN organization o ON o.id = r.organization_id
  LEFT JOIN "case" c ON c.id = r.case_id`;

/** The only SQL on event and event_registration. */
@Injectable()
export class EventsRepository {
  async list(
    db: EntityManager,
    filter: { fiscalYear?: number; kind?: string; party?: string; deskId?: string },
  ): Promise<EventWithCounts[]> {
    return db.query<EventWithCounts[]>(
      `SELECT e.*, k.* FROM event e, ${COUNTS}
        WHERE ($1::int IS NULL OR e.fiscal_year = $1) AND ($2::text IS NULL OR e.kind = $2)
          AND ($3::text IS NULL OR e.organizer_kind = $3) AND ($4::text IS NULL OR e.organizer_desk_id = $4)
        ORDER BY e.starts_at DESC, e.id LIMIT 500`,
      [filter.fiscalYear ?? null, filter.kind ?? null, filter.party ?? null, filter.deskId ?? null],
    );
  }

  async find(db: EntityManager, id: string): Promise<EventWithCounts | undefined> {
    const [row] = await db.query<EventWithCounts[]>(
      `SELECT e.*, k.* FROM event e, ${COUNTS} WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /** Locks the event row: registrations of one event queue here, so capacity holds under load. */
  async lock(db: EntityManager, id: string): Promise<Row<'event', 'id' | 'capacity'> | undefined> {
    const [row] = await db.query<Row<'event', 'id' | 'capacity'>[]>(
      `SELECT id, capacity FROM event WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async insert(db: EntityManager, values: EventValues, createdBy: string | null): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO event (kind, title, description, starts_at, ends_at, fiscal_year, venue, online_url,
         prefecture_code, capacity, organizer_kind, organizer_desk_id, organizer_name, co_sponsors, topics,
         published, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [...this.values(values), createdBy],
    );
    return row!.id;
  }

  /** Conditional on the version the client saw; false when it was stale. */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    values: EventValues,
  ): Promise<boolean> {
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE event SET kind = $3, title = $4, description = $5, starts_at = $6, ends_at = $7,
         fiscal_year = $8, venue = $9, online_url = $10, prefecture_code = $11, capacity = $12,
         organizer_kind = $13, organizer_desk_id = $14, organizer_name = $15, co_sponsors = $16,
         topics = $17, published = $18, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, ...this.values(values)],
    );
    return rows.length === 1;
  }

  private values(v: EventValues): unknown[] {
    return [
      v.kind,
      v.title,
      v.description,
      v.starts_at,
      v.ends_at,
      v.fiscal_year,
      v.venue,
      v.online_url,
      v.prefecture_code,
      v.capacity,
      v.organizer_kind,
      v.organizer_desk_id,
      v.organizer_name,
      v.co_sponsors,
      v.topics,
      v.published,
    ];
  }

  async hasRegistrations(db: EntityManager, id: string): Promise<boolean> {
    const [row] = await db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM event_registration WHERE event_id = $1) AS found`,
      [id],
    );
    return row?.found ?? false;
  }

  async delete(db: EntityManager, id: string): Promise<void> {
    await db.query(`DELETE FROM event WHERE id = $1`, [id]);
  }

  async countRegistered(
    db: EntityManager,
    eventId: string,
  ): Promise<{ registered: number; waitlisted: number }> {
    const [row] = await db.query<{ registered: number; waitlisted: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM event_registration WHERE event_id = $1`,
      [eventId],
    );
    return row ?? { registered: 0, waitlisted: 0 };
  }

  /** The live registration of this address at the event, if any. */
  async liveByEmail(db: EntityManager, eventId: string, email: string): Promise<string | null> {
    const [row] = await db.query<{ id: string }[]>(
      `SELECT id FROM event_registration
        WHERE event_id = $1 AND lower(email) = lower($2) AND status <> 'cancelled'`,
      [eventId, email],
    );
    return row?.id ?? null;
  }

  async insertRegistration(
    db: EntityManager,
    registration: NewRegistration,
    status: 'registered' | 'waitlisted',
    createdBy: string | null,
  ): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO event_registration (event_id, organization_id, contact_id, name, name_kana, email, phone,
         status, source, created_by, cancel_token_sha256, consent_version, consent_text_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        registration.event_id,
        registration.organization_id,
        registration.contact_id,
        registration.name,
        registration.name_kana,
        registration.email,
        registration.phone,
        status,
        registration.source,
        createdBy,
        registration.cancel_token_sha256 ?? null,
        registration.consent_version ?? null,
        registration.consent_text_sha256 ?? null,
      ],
    );
    return row!.id;
  }

  async registrations(db: EntityManager, eventId: string): Promise<RegistrationRow[]> {
    return db.query<RegistrationRow[]>(
      `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM}
        WHERE r.event_id = $1
        ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                 r.registered_at, r.id`,
      [eventId],
    );
  }

  async registration(
    db: EntityManager,
    eventId: string,
    id: string,
    lock = false,
  ): Promise<RegistrationRow | undefined> {
    const [row] = await db.query<RegistrationRow[]>(
      `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM}
        WHERE r.event_id = $1 AND r.id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [eventId, id],
    );
    return row;
  }

  async cancel(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE event_registration SET status = 'cancelled', attendance = NULL, cancelled_at = now(),
         version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Moves the first `count` waiting registrations up, in the order they registered. */
  async promote(db: EntityManager, eventId: string, count: number): Promise<string[]> {
    if (count <= 0) {
      return [];
    }
    // An UPDATE answers [rows, count] through TypeORM, not the rows alone.
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE event_registration SET status = 'registered', version = version + 1, updated_at = now()
        WHERE id IN (SELECT id FROM event_registration WHERE event_id = $1 AND status = 'waitlisted'
                      ORDER BY registered_at, id LIMIT $2)
        RETURNING id`,
      [eventId, count],
    );
    return rows.map((r) => r.id);
  }

  async setAttendance(db: EntityManager, id: string, attendance: string | null): Promise<void> {
    await db.query(
      `UPDATE event_registration SET attendance = $2, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, attendance],
    );
  }

  async setContact(db: EntityManager, id: string, contactId: string): Promise<void> {
    await db.query(`UPDATE event_registration SET contact_id = $2 WHERE id = $1`, [id, contactId]);
  }

  async linkCase(db: EntityManager, id: string, caseId: string): Promise<void> {
    await db.query(
      `UPDATE event_registration SET case_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, caseId],
    );
  }

  async moveToOrganization(db: EntityManager, from: string, to: string): Promise<number> {
    const [, moved] = await db.query<[unknown, number]>(
      `UPDATE event_registration SET organization_id = $2, updated_at = now() WHERE organization_id = $1`,
      [from, to],
    );
    return moved;
  }

  /** The registration a cancellation link's hash names, locked for the cancellation. */
  async byCancelToken(db: EntityManager, sha256: string): Promise<CancellableRow | undefined> {
    const [row] = await db.query<CancellableRow[]>(
      `SELECT r.id, r.event_id, r.name, r.status, o.name AS organization_name
         FROM event_registration r JOIN organization o ON o.id = r.organization_id
        WHERE r.cancel_token_sha256 = $1`,
      [sha256],
    );
    return row;
  }

  /** Of these registrations, the public ones with an address: only they are mailed. */
  async publicToMail(db: EntityManager, ids: string[]): Promise<MailRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return db.query<MailRow[]>(
      `SELECT r.id, r.name, r.email, e.id AS event_id, e.title, e.kind, e.description, e.starts_at,
              e.ends_at, e.venue, e.online_url, e.capacity
         FROM event_registration r JOIN event e ON e.id = r.event_id
        WHERE r.id = ANY($1::uuid[]) AND r.source = 'public' AND r.email IS NOT NULL`,
      [ids],
    );
  }

  /**
   * Claims tomorrow's (JST) public registrations with a seat whose reminder has not gone out:
   * the claim and the check are one statement, so two runs (or two instances) never both take
   * a registration, and a run that is repeated finds nothing left.
   */
  async claimReminders(db: EntityManager, limit: number): Promise<MailRow[]> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows] = await db.query<[MailRow[], number]>(
      `UPDATE event_registration r SET reminded_at = now()
         FROM event e
        WHERE e.id = r.event_id AND r.id IN (
          SELECT r2.id FROM event_registration r2 JOIN event e2 ON e2.id = r2.event_id
           WHERE r2.source = 'public' AND r2.status = 'registered' AND r2.email IS NOT NULL
             AND r2.reminded_at IS NULL AND e2.starts_at > now()
             AND (e2.starts_at AT TIME ZONE 'Asia/Tokyo')::date
                 = (now() AT TIME ZONE 'Asia/Tokyo')::date + 1
           ORDER BY r2.id LIMIT $1 FOR UPDATE OF r2 SKIP LOCKED)
        RETURNING r.id, r.name, r.email, e.id AS event_id, e.title, e.kind, e.description,
                  e.starts_at, e.ends_at, e.venue, e.online_url, e.capacity`,
      [limit],
    );
    return rows;
  }
}
