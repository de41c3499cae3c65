import type { TeleworkStatus } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import type { DuplicateMatch } from './dto/duplicates.dto';
import {
  CONTACT_ROW_COLUMNS,
  type ContactRow,
  contactFromJson,
  type FirstContact,
  firstContactValues,
} from './contacts.repository';
import { prepared, preparedAll } from '../../database/prepared-statements';

const ORGANIZATION_FIELDS = [
  'id',
  'name',
  'name_kana',
  'corporate_number',
  'prefecture_code',
  'address',
  'industry_code',
  'industry_subcode',
  'sme_sector',
  'employees',
  'capital_yen',
  'telework_status',
  'telework_status_source',
  'telework_status_reason',
  'telework_status_changed_at',
  'duplicate_override_reason',
  'chamber_member',
  'phone',
  'notes',
  'sme',
  'sme_reason',
  'merged_into',
  'version',
  'created_at',
  'updated_at',
] as const;

export type OrganizationRow = Row<'organization', (typeof ORGANIZATION_FIELDS)[number]>;

/** Every stored field of an organization the services use (not its search columns). */
export const ORGANIZATION_COLUMNS = ORGANIZATION_FIELDS.map((f) => `o.${f}`).join(', ');

/** An organization as the services and other modules see it. */
export interface Organization {
  id: string;
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  prefectureCode: string | null;
  address: string | null;
  industryCode: string | null;
  industrySubcode: string | null;
  smeSector: string | null;
  employees: number | null;
  /** bigint arrives as text from pg; capital fits safely in a JS number (< 2^53 yen). */
  capitalYen: number | null;
  teleworkStatus: string;
  teleworkStatusSource: string | null;
  teleworkStatusReason: string | null;
  teleworkStatusChangedAt: Date | null;
  duplicateOverrideReason: string | null;
  chamberMember: boolean;
  phone: string | null;
  notes: string;
  sme: boolean | null;
  smeReason: string;
  mergedInto: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const toOrganization = (o: OrganizationRow): Organization => ({
  id: o.id,
  name: o.name,
  nameKana: o.name_kana,
  corporateNumber: o.corporate_number,
  prefectureCode: o.prefecture_code,
  address: o.address,
  industryCode: o.industry_code,
  industrySubcode: o.industry_subcode,
  smeSector: o.sme_sector,
  employees: o.employees,
  capitalYen: o.capital_yen === null ? null : Number(o.capital_yen),
  teleworkStatus: o.telework_status,
  teleworkStatusSource: o.telework_status_source,
  teleworkStatusReason: o.telework_status_reason,
  teleworkStatusChangedAt: o.telework_status_changed_at,
  duplicateOverrideReason: o.duplicate_override_reason,
  chamberMember: o.chamber_member,
  phone: o.phone,
  notes: o.notes,
  sme: o.sme,
  smeReason: o.sme_reason,
  mergedInto: o.merged_into,
  version: o.version,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

export type DuplicateRow = Row<
  'organization',
  'id' | 'name' | 'prefecture_code' | 'corporate_number'
> & { matched_on: DuplicateMatch[] };

/** What a new organization is compared with to find the one it may duplicate. */
export interface DuplicateProbe {
  /** normalizeOrganizationName of the name; null or empty skips the name test. */
  nameKey: string | null;
  prefectureCode: string | null;
  /** E.164 phones: the organization's and its new contact's. */
  phones: string[];
  /** A company mail domain (free mail already left out by emailDomain). */
  emailDomain: string | null;
  corporateNumber: string | null;
}

export interface NewOrganization {
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  prefectureCode: string | null;
  address: string | null;
  industryCode: string | null;
  smeSector: string | null;
  employees: number | null;
  capitalYen: number | null;
  teleworkStatus: string;
  chamberMember: boolean;
  phone: string | null;
  notes: string;
  sme: boolean | null;
  smeReason: string;
  nameNormalized: string;
  searchText: string;
  duplicateOverrideReason: string | null;
  industrySubcode: string | null;
}

/** The fields a staff edit sets, with what follows from them. */
export interface OrganizationEdit {
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  prefectureCode: string | null;
  address: string | null;
  industryCode: string | null;
  industrySubcode: string | null;
  smeSector: string | null;
  employees: number | null;
  capitalYen: number | null;
  teleworkStatus: string;
  chamberMember: boolean;
  phone: string | null;
  notes: string;
  sme: boolean | null;
  smeReason: string;
  nameNormalized: string;
  searchText: string;
  /** Set by hand: the status's source becomes manual with this reason. */
  manualStatusReason: string | null;
  statusChanged: boolean;
}

/** What a merge's survivor takes over from the duplicate. */
export interface SurvivorFill {
  nameKana: string | null;
  corporateNumber: string | null;
  prefectureCode: string | null;
  address: string | null;
  industryCode: string | null;
  industrySubcode: string | null;
  smeSector: string | null;
  employees: number | null;
  capitalYen: number | null;
  phone: string | null;
  notes: string;
  sme: boolean | null;
  smeReason: string;
  searchText: string;
}

/**
 * Above this many substring matches a search stops ranking them all (see search()): the probe
 * reads at most this many rows of the heap whatever the number of organizations (2,000 read
 * ~1,900 pages, 47 ms warm and 168 ms cold for 山田 at 300,000 organizations), and past it the
 * typeahead index answers with the shortest names, index-only, reading at most SEARCH_WALK_CAP
 * entries (docs/benchmarks.md, "Organization typeahead: probe cap").
 */
export const SEARCH_PROBE_CAP = 300;

/**
 * How many of the shortest names a term past the probe's cap is looked for in (issue #17). The
 * walk read the typeahead index until it had a page: ~8 × total / 300 entries, so a common word of
 * a longer name (テレワーク商事: 75,000 entries, 47 ms at 900,000 organizations) grew with the
 * data. Bounded at 20,000 entries (~450 index pages, ~5 ms at any size); matches not among them
 * come from the probe's ranked sample (OrganizationsService.search).
 */
export const SEARCH_WALK_CAP = 20_000;

/**
 * How many of the shortest names to look through first for a term that is surely common (issue
 * #17). Finding a full page of `limit` matches among the first W names puts the term's share at
 * ≥ limit / W; W = limit × organizations / (3 × SEARCH_PROBE_CAP) means ≥ three times the probe's
 * cap over all organizations, so the answer is the capped one (the shortest names) without the
 * probe, whose bitmap reads every match: ショウジ matches 102,573 of 900,000 organizations, 27 ms.
 * 0 (no such look) where the organizations are too few for the estimate to mean anything.
 */
export function searchDenseWindow(limit: number, organizations: number): number {
  const window = Math.floor((limit * organizations) / (3 * SEARCH_PROBE_CAP));
  return window >= limit * 4 ? Math.min(window, SEARCH_WALK_CAP) : 0;
}

/** $1–$19 of ORGANIZATION_SQL.insert and insertWithFirstContact. */
const newOrganizationValues = (o: NewOrganization): unknown[] => [
  o.name,
  o.nameKana,
  o.corporateNumber,
  o.prefectureCode,
  o.address,
  o.industryCode,
  o.smeSector,
  o.employees,
  o.capitalYen,
  o.teleworkStatus,
  o.chamberMember,
  o.phone,
  o.notes,
  o.sme,
  o.smeReason,
  o.nameNormalized,
  o.searchText,
  o.duplicateOverrideReason,
  o.industrySubcode,
];

/**
 * The statements of intake and the typeahead, as text so that the benchmark's bare baseline
 * (apps/api/bench/baseline-server.ts) runs exactly these and cannot drift from them.
 */
export const ORGANIZATION_SQL = preparedAll(
  {
    find: `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = $1`,
    /**
     * `find` under the row's lock, for a writer of the search text: it is derived from the name and
     * the contacts' phones, so a rename and a new contact's refresh must not each compute it from
     * what the other has not committed yet (the later write would drop the other's change). The
     * lock leaves foreign-key checks (a case or contact naming the organization) free.
     */
    findLocked: `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = $1 FOR NO KEY UPDATE`,
    findMany: `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = ANY($1::uuid[])`,
    /** `find` with contact $2 as JSON if `visibility` (on `ct`) holds, else null. */
    findWithContact: (visibility: string) =>
      `SELECT ${ORGANIZATION_COLUMNS},
            (SELECT to_json(v) FROM (SELECT ${CONTACT_ROW_COLUMNS} FROM contact ct
                                      WHERE ct.id = $2 AND ${visibility}) v) AS contact_found
       FROM organization o WHERE o.id = $1`,
    insert: `INSERT INTO organization (name, name_kana, corporate_number, prefecture_code, address, industry_code,
           sme_sector, employees, capital_yen, telework_status, chamber_member, phone, notes, sme, sme_reason,
           name_normalized, search_text, duplicate_override_reason, industry_subcode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         RETURNING ${ORGANIZATION_FIELDS.join(', ')}`,
    /**
     * `insert` and the organization's first contact in one statement (an intake's new organization
     * with its new contact): $20–$25 the contact (firstContactValues). The contact comes back as
     * JSON; a new one has no dates but null ones.
     */
    insertWithFirstContact: `WITH o AS (
         INSERT INTO organization (name, name_kana, corporate_number, prefecture_code, address, industry_code,
           sme_sector, employees, capital_yen, telework_status, chamber_member, phone, notes, sme, sme_reason,
           name_normalized, search_text, duplicate_override_reason, industry_subcode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         RETURNING *),
       c AS (
         INSERT INTO contact (organization_id, name, name_kana, title, phone, email, contact_consent)
         SELECT o.id, $20, $21, $22, $23, $24, $25 FROM o
         RETURNING ${CONTACT_ROW_COLUMNS})
       SELECT ${ORGANIZATION_FIELDS.map((f) => `o.${f}`).join(', ')}, to_json(c) AS first_contact FROM o, c`,
    contactPhones: `SELECT phone FROM contact WHERE organization_id = $1 AND phone IS NOT NULL`,
    /**
     * Only when it changes: every case of the organization carries a copy of the text in its search
     * keys, rewritten by a trigger when it changes (~4 ms a case, issue #17).
     */
    setSearchText: `UPDATE organization SET search_text = $2
       WHERE id = $1 AND search_text IS DISTINCT FROM $2`,
    lockDuplicateKeys: `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
         FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i)`,
    searchByEmail: `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.id IN (SELECT ct.organization_id FROM contact ct WHERE ct.email = $1)
          ORDER BY length(o.name), o.name, o.id LIMIT $2`,
    /** A whole phone number ($1, E.164: the organization's or a contact's) or corporate number ($2). */
    searchByNumber: `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.id IN (
                  SELECT id FROM organization WHERE phone = $1
                  UNION SELECT organization_id FROM contact WHERE phone = $1
                  UNION SELECT id FROM organization
                         WHERE corporate_number = $2::char(13) AND corporate_number IS NOT NULL
                           AND merged_into IS NULL)
          ORDER BY length(o.name), o.name, o.id LIMIT $3`,
    searchPrefix: `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.search_text LIKE $1 || '%'
          ORDER BY length(o.name), o.name, o.id LIMIT $2`,
    searchProbe: `WITH hit AS (
         SELECT o.id, o.name, o.search_text FROM organization o
          WHERE o.merged_into IS NULL AND o.search_bigrams @> text_bigrams($1)
            AND o.search_text LIKE '%' || $2 || '%'
          LIMIT ${SEARCH_PROBE_CAP + 1})
       SELECT (SELECT array_agg(id ORDER BY (search_text LIKE $2 || '%') DESC, length(name), name, id)
                 FROM (SELECT * FROM hit ORDER BY (search_text LIKE $2 || '%') DESC, length(name), name, id
                        LIMIT $3) top) AS ids,
              (SELECT count(*) FROM hit) > ${SEARCH_PROBE_CAP} AS capped`,
    /** The planner's estimate of the organizations, as the last ANALYZE left it (no count). */
    estimatedCount: `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'organization'::regclass`,
    // The first $3 entries of the typeahead index (index-only), then the term among them. The
    // outer order is the inner one by the same columns (len, not length(s.name)), so PostgreSQL
    // needs no sort and stops at the page: a very common term reads a few dozen entries.
    searchWalk: `SELECT s.id FROM (
           SELECT o.id, length(o.name) AS len, o.name, o.search_text FROM organization o
            WHERE o.merged_into IS NULL
            ORDER BY length(o.name), o.name, o.id LIMIT $3) s
          WHERE s.search_text LIKE '%' || $1 || '%'
          ORDER BY s.len, s.name, s.id LIMIT $2`,
  } as const,
  // The typeahead's plans depend on what is typed (prepared-statements.ts).
  [
    'searchByEmail',
    'searchByNumber',
    'searchPrefix',
    'searchProbe',
    'searchWalk',
    'estimatedCount',
  ],
);

/**
 * The duplicate check (OrganizationsService.findDuplicates) with a lookup for each key the probe
 * has, and only those: null when it has none. Each lookup names the rule it matched by, and an
 * organization's rules are gathered.
 *
 * Built per probe so that no lookup waits on a key that is absent (`$n IS NULL OR …`): then
 * PostgreSQL keeps one generic plan per shape (a few dozen at most, prepared once per connection)
 * instead of planning every call. The statement with every lookup and the rules tested again per
 * organization found took 1.3–1.6 ms to plan and up to 2.5 ms to run for a common name at
 * 1,000,000 cases; this one 0.1–0.2 ms (docs/benchmarks.md, stop 36).
 */
export function duplicateCheck(probe: DuplicateProbe): { text: string; values: unknown[] } | null {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const lookups: string[] = [];
  // Cast to the column's char(13), with the partial unique index's condition repeated, or the
  // index is unusable and every intake reads every organization.
  const corporateNumber = probe.corporateNumber
    ? `${param(probe.corporateNumber)}::char(13)`
    : null;
  if (corporateNumber) {
    lookups.push(`SELECT id, 1, 'corporate_number' FROM organization
       WHERE corporate_number = ${corporateNumber} AND corporate_number IS NOT NULL
         AND merged_into IS NULL`);
  }
  if (probe.nameKey) {
    const name = param(probe.nameKey);
    const inPrefecture = probe.prefectureCode
      ? ` AND (prefecture_code IS NULL OR prefecture_code = ${param(probe.prefectureCode)})`
      : '';
    lookups.push(`SELECT id, 2, 'name' FROM organization
       WHERE name_normalized = ${name}${inPrefecture}`);
  }
  if (probe.phones.length > 0) {
    const phones = `ANY(ARRAY[${probe.phones.map(param).join(', ')}])`;
    lookups.push(`SELECT id, 3, 'phone' FROM organization WHERE phone = ${phones}`);
    lookups.push(`SELECT organization_id, 3, 'phone' FROM contact WHERE phone = ${phones}`);
  }
  if (probe.emailDomain) {
    lookups.push(`SELECT organization_id, 4, 'email_domain' FROM contact
       WHERE split_part(email, '@', 2) = ${param(probe.emailDomain)}`);
  }
  if (lookups.length === 0) {
    return null;
  }
  // Two different corporate numbers are two legal entities, whatever else they share.
  const sameEntity = corporateNumber
    ? ` AND (o.corporate_number IS NULL OR o.corporate_number = ${corporateNumber})`
    : '';
  const text = prepared(`WITH hit (id, rank, reason) AS (
       ${lookups.join('\n       UNION ')})
     SELECT o.id, o.name, o.prefecture_code, o.corporate_number,
            array_agg(h.reason ORDER BY h.rank) AS matched_on
       FROM hit h JOIN organization o ON o.id = h.id
      WHERE o.merged_into IS NULL${sameEntity}
      GROUP BY o.id
      ORDER BY count(*) DESC, o.name, o.id LIMIT 10`);
  return { text, values };
}

/**
 * The SQL on `organization` (contacts keep theirs in ContactsRepository; this one reads their
 * phones and mail domains only to find duplicates and fill the search text). Every method that
 * may run in a transaction takes the caller's EntityManager.
 */
/** What the SME rule reads of an organization, with its version for the guarded update. */
export type SmeInputsRow = Row<
  'organization',
  | 'id'
  | 'version'
  | 'industry_code'
  | 'industry_subcode'
  | 'sme_sector'
  | 'employees'
  | 'capital_yen'
  | 'sme'
  | 'sme_reason'
>;

@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** With `lock`, in the caller's transaction under the row's lock (ORGANIZATION_SQL.findLocked). */
  async find(
    id: string,
    db: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Organization | null> {
    const [row] = await db.query<OrganizationRow[]>(
      lock ? ORGANIZATION_SQL.findLocked : ORGANIZATION_SQL.find,
      [id],
    );
    return row ? toOrganization(row) : null;
  }

  /** The organizations found, in no particular order. */
  async findMany(ids: string[]): Promise<Organization[]> {
    const rows = await this.dataSource.query<OrganizationRow[]>(ORGANIZATION_SQL.findMany, [ids]);
    return rows.map(toOrganization);
  }

  /** The stored organization, as find() reads it. */
  async insert(db: EntityManager, o: NewOrganization): Promise<Organization> {
    const [inserted] = await db.query<OrganizationRow[]>(
      ORGANIZATION_SQL.insert,
      newOrganizationValues(o),
    );
    return toOrganization(inserted!);
  }

  /** A new organization with its first contact, in one statement. */
  async insertWithFirstContact(
    db: EntityManager,
    o: NewOrganization,
    contact: FirstContact,
  ): Promise<{ organization: Organization; contact: ContactRow }> {
    const [inserted] = await db.query<
      (OrganizationRow & { first_contact: Record<string, unknown> })[]
    >(ORGANIZATION_SQL.insertWithFirstContact, [
      ...newOrganizationValues(o),
      ...firstContactValues(contact),
    ]);
    const { first_contact: json, ...row } = inserted!;
    return { organization: toOrganization(row), contact: contactFromJson(json) };
  }

  /**
   * Organization $1 and contact $2, if `visibility` (contactVisibility on the alias `ct`, its
   * parameters after those two in `params`) lets the reader see it, in one statement: a known
   * organization's intake with a known contact. The contact is null when unseen or unknown,
   * whichever organization it belongs to; the caller checks that it is this one's.
   */
  async findWithContact(
    db: EntityManager,
    visibility: string,
    params: [id: string, contactId: string, ...rest: unknown[]],
  ): Promise<{ organization: Organization; contact: ContactRow | null } | null> {
    const [found] = await db.query<
      (OrganizationRow & { contact_found: Record<string, unknown> | null })[]
    >(ORGANIZATION_SQL.findWithContact(visibility), params);
    if (!found) {
      return null;
    }
    const { contact_found: json, ...row } = found;
    return { organization: toOrganization(row), contact: json ? contactFromJson(json) : null };
  }

  async liveIdByCorporateNumber(corporateNumber: string | null): Promise<string | null> {
    const [row] = await this.dataSource.query<Row<'organization', 'id'>[]>(
      `SELECT id FROM organization WHERE corporate_number = $1 AND merged_into IS NULL`,
      [corporateNumber],
    );
    return row?.id ?? null;
  }

  /** The phones of the organization's contacts, for its search text. */
  async contactPhones(db: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await db.query<{ phone: string }[]>(ORGANIZATION_SQL.contactPhones, [
      organizationId,
    ]);
    return rows.map((r) => r.phone);
  }

  /** The version check is part of the UPDATE; false when someone else changed it first. */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    next: OrganizationEdit,
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'organization', 'id'>[], number]>(
      `UPDATE organization SET name = $3, name_kana = $4, corporate_number = $5, prefecture_code = $6,
             industry_subcode = $22,
             address = $7, industry_code = $8, sme_sector = $9, employees = $10, capital_yen = $11,
             telework_status = $12, chamber_member = $13, phone = $14, notes = $15, sme = $16, sme_reason = $17,
             name_normalized = $18, search_text = $19, version = version + 1, updated_at = now(),
             telework_status_source = CASE WHEN $20 THEN 'manual' ELSE telework_status_source END,
             telework_status_reason = CASE WHEN $20 THEN $21 ELSE telework_status_reason END,
             telework_status_changed_at = CASE WHEN $20 THEN now() ELSE telework_status_changed_at END
           WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        version,
        next.name,
        next.nameKana,
        next.corporateNumber,
        next.prefectureCode,
        next.address,
        next.industryCode,
        next.smeSector,
        next.employees,
        next.capitalYen,
        next.teleworkStatus,
        next.chamberMember,
        next.phone,
        next.notes,
        next.sme,
        next.smeReason,
        next.nameNormalized,
        next.searchText,
        next.statusChanged,
        next.manualStatusReason,
        next.industrySubcode,
      ],
    );
    return rows.length > 0;
  }

  searchByEmail(email: string, limit: number): Promise<Row<'organization', 'id'>[]> {
    return this.dataSource.query(ORGANIZATION_SQL.searchByEmail, [email, limit]);
  }

  searchByNumber(
    number: { phone: string | null; corporateNumber: string | null },
    limit: number,
  ): Promise<Row<'organization', 'id'>[]> {
    return this.dataSource.query(ORGANIZATION_SQL.searchByNumber, [
      number.phone,
      number.corporateNumber,
      limit,
    ]);
  }

  searchPrefix(like: string, limit: number): Promise<Row<'organization', 'id'>[]> {
    return this.dataSource.query(ORGANIZATION_SQL.searchPrefix, [like, limit]);
  }

  async searchProbe(
    q: string,
    like: string,
    limit: number,
  ): Promise<{ ids: string[] | null; capped: boolean } | undefined> {
    const [probe] = await this.dataSource.query<{ ids: string[] | null; capped: boolean }[]>(
      ORGANIZATION_SQL.searchProbe,
      [q, like, limit],
    );
    return probe;
  }

  searchWalk(like: string, limit: number, cap: number): Promise<Row<'organization', 'id'>[]> {
    return this.dataSource.query(ORGANIZATION_SQL.searchWalk, [like, limit, cap]);
  }

  async estimatedCount(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(ORGANIZATION_SQL.estimatedCount);
    return row?.n ?? 0;
  }

  /** A page of live organizations, newest first, after the keyset cursor. */
  browse(
    limit: number,
    after: { at: Date | string; id: string } | null,
  ): Promise<Row<'organization', 'id' | 'created_at'>[]> {
    return this.dataSource.query(
      `SELECT id, created_at FROM organization
        WHERE merged_into IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit, after?.at ?? null, after?.id ?? null],
    );
  }

  /** Transaction-scoped advisory locks on the keys, taken in the order given. */
  async lockDuplicateKeys(db: EntityManager, keys: string[]): Promise<void> {
    await db.query(ORGANIZATION_SQL.lockDuplicateKeys, [keys]);
  }

  async findDuplicates(db: EntityManager, probe: DuplicateProbe): Promise<DuplicateRow[]> {
    const check = duplicateCheck(probe);
    return check ? db.query<DuplicateRow[]>(check.text, check.values) : [];
  }

  /** Moves the status up to `to` if it is one of `below`; answers what it was, or null. */
  async advanceTeleworkStatus(
    db: EntityManager,
    organizationId: string,
    to: TeleworkStatus,
    source: string,
    below: readonly TeleworkStatus[],
  ): Promise<TeleworkStatus | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await db.query<[{ from_status: TeleworkStatus }[], number]>(
      `UPDATE organization o SET telework_status = $2, telework_status_source = $3,
              telework_status_reason = NULL, telework_status_changed_at = now(),
              version = o.version + 1, updated_at = now()
         FROM (SELECT id, telework_status FROM organization WHERE id = $1 FOR UPDATE) before
        WHERE o.id = before.id AND o.telework_status = ANY($4::text[])
        RETURNING before.telework_status AS from_status`,
      [organizationId, to, source, below],
    );
    return rows[0]?.from_status ?? null;
  }

  /** Locks the organization's row (live or not) and reads its telework status under the lock. */
  async lock(
    db: EntityManager,
    id: string,
  ): Promise<{ id: string; teleworkStatus: TeleworkStatus } | null> {
    const [row] = await db.query<{ id: string; telework_status: TeleworkStatus }[]>(
      `SELECT id, telework_status FROM organization WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? { id: row.id, teleworkStatus: row.telework_status } : null;
  }

  async lockLive(db: EntityManager, id: string): Promise<boolean> {
    const [row] = await db.query<Row<'organization', 'id' | 'merged_into'>[]>(
      `SELECT id, merged_into FROM organization WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return !!row && row.merged_into === null;
  }

  /** Locks both in a fixed order; answers how many exist. */
  async lockPair(db: EntityManager, a: string, b: string): Promise<number> {
    const locked = await db.query<Row<'organization', 'id'>[]>(
      `SELECT id FROM organization WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[a, b]],
    );
    return locked.length;
  }

  /** The duplicate, and earlier tombstones of it, point at the survivor. */
  async markMerged(db: EntityManager, duplicateId: string, survivorId: string): Promise<void> {
    await db.query(
      `UPDATE organization SET merged_into = $2, version = version + 1, updated_at = now()
        WHERE id = $1 OR merged_into = $1`,
      [duplicateId, survivorId],
    );
  }

  async fillSurvivor(db: EntityManager, survivorId: string, f: SurvivorFill): Promise<void> {
    await db.query(
      `UPDATE organization SET name_kana = $2, corporate_number = $3, prefecture_code = $4, address = $5,
         industry_code = $6, sme_sector = $7, employees = $8, capital_yen = $9, phone = $10, notes = $11,
         sme = $12, sme_reason = $13, search_text = $14, industry_subcode = $15,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [
        survivorId,
        f.nameKana,
        f.corporateNumber,
        f.prefectureCode,
        f.address,
        f.industryCode,
        f.smeSector,
        f.employees,
        f.capitalYen,
        f.phone,
        f.notes,
        f.sme,
        f.smeReason,
        f.searchText,
        f.industrySubcode,
      ],
    );
  }

  async mergedOf(ids: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<Row<'organization', 'id'>[]>(
      `SELECT id FROM organization WHERE id = ANY($1::uuid[]) AND merged_into IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  async setSearchText(
    db: EntityManager,
    organizationId: string,
    searchText: string,
  ): Promise<void> {
    await db.query(ORGANIZATION_SQL.setSearchText, [organizationId, searchText]);
  }

  /** A batch of organizations (merged tombstones too) after `after` in id order. */
  smeBatch(after: string | null, limit: number): Promise<SmeInputsRow[]> {
    return this.dataSource.query<SmeInputsRow[]>(
      `SELECT id, version, industry_code, industry_subcode, sme_sector, employees, capital_yen, sme, sme_reason
           FROM organization WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [after, limit],
    );
  }

  /** Stores new SME verdicts where the version has not moved; answers the ids stored. */
  async setSmeVerdicts(
    db: EntityManager,
    v: { ids: string[]; versions: number[]; sme: (boolean | null)[]; reasons: string[] },
  ): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [updated] = await db.query<[Row<'organization', 'id'>[], number]>(
      `UPDATE organization o SET sme = v.sme, sme_reason = v.reason
               FROM unnest($1::uuid[], $2::int[], $3::boolean[], $4::text[]) AS v(id, version, sme, reason)
              WHERE o.id = v.id AND o.version = v.version
              RETURNING o.id`,
      [v.ids, v.versions, v.sme, v.reasons],
    );
    return updated.map((u) => u.id);
  }
}
