import 'reflect-metadata';
import {
  type BusinessCalendar,
  COUNTED_SESSION_STATUSES,
  emailDomain,
  fiscalYearOf,
  formatCaseNumber,
  formatJapanesePhone,
  makeCalendar,
  normalizeJapanesePhone,
  normalizeOrganizationName,
  resolutionDueAt,
  sessionAllowance,
  slaDueAt,
} from '@madoguchi/domain';
import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import {
  INSERT_AUDIT_EVENT_SQL,
  auditEventValues,
  auditEventsJson,
  type NewAuditEvent,
} from '../src/modules/audit/audit.repository';
import { SEARCH_WALK_ROWS, selectCaseList } from '../src/modules/cases/case-list-query';
import { CASE_SQL } from '../src/modules/cases/cases.repository';
import { GuardedClient } from '../src/database/guarded-client';
import { ReferenceCache } from '../src/database/reference-cache';
import {
  derivedFields,
  normalizeQuery,
  numberQuery,
} from '../src/modules/organizations/organization-search';
import {
  ORGANIZATION_SQL,
  SEARCH_WALK_CAP,
  duplicateCheck,
  searchDenseWindow,
} from '../src/modules/organizations/organizations.repository';
import { ALLOWANCE_SQL } from '../src/modules/sessions/allowance.repository';

/**
 * The baseline: bare Fastify and pg running the same SQL statements as the API's services, with
 * the same parameters and in the same order, for the four benchmarked operations. No Nest, no
 * TypeORM, no validation, no authentication (the acting user is fixed: an operator of the
 * national desk). The gap between it and the API is framework cost; what it cannot do within a
 * target, no framework tuning will fix.
 *
 * The statements of cases, organizations and the allowance are imported from their repositories
 * (CASE_SQL, ORGANIZATION_SQL, ALLOWANCE_SQL), as the list's are from case-list-query.ts, so they
 * cannot drift; so is the audit trail's insert. Still copied, so keep in step with:
 * contacts.service.ts (find, insert), routing.service.ts (route, autoAssign), sla.service.ts and
 * desk-calendar.service.ts (due times), notifications.service.ts (notify), and the order of the
 * calls in cases.service.ts. cases-bench.ts compares the two servers' answers before measuring.
 */

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
};

const NATIONAL_DESK_ID = 'national';
const actor = {
  userId: env('BENCH_USER_ID'),
  email: env('BENCH_USER_EMAIL'),
  role: 'operator',
  deskId: NATIONAL_DESK_ID,
};
// The API's client class, so both servers ask pg for results the same way (GuardedClient answers
// promise-form queries through pg's callback form, which keeps results out of the old generation).
const pool = new Pool({
  Client: GuardedClient,
  connectionString: env('BASELINE_DATABASE_URL'),
  max: Number(process.env.BASELINE_POOL_MAX ?? 10),
  options: '-c timezone=UTC',
  application_name: 'madoguchi-bench-baseline',
});

type Db = Pick<PoolClient, 'query'>;
const rows = async <T extends QueryResultRow>(
  db: Db,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> => (await db.query<T>(sql, params)).rows;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

// Calls and visits are answered on contact; written channels wait for a reply.
const ANSWERED_ON_CONTACT = new Set(['phone', 'walk_in', 'seminar']);

interface Row {
  [key: string]: unknown;
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

class NotFound extends Error {}

// ---------------------------------------------------------------------------------------------
// Organizations and contacts (organizations.service.ts, session-allowance.ts, contacts.service.ts)
// ---------------------------------------------------------------------------------------------

type Terms = { session_limit: number; session_period: string } | undefined;

/** The program's terms (the API takes its instance's cached copy outside transactions). */
async function sessionTerms(db: Db): Promise<Terms> {
  const [terms] = await rows<{ session_limit: number; session_period: string }>(
    db,
    ALLOWANCE_SQL.terms,
  );
  return terms;
}

const countedYear = (terms: Terms): number | null =>
  terms?.session_period === 'fiscal_year' ? fiscalYearOf(new Date()) : null;

const allowanceOf = (terms: Terms, count: { used: number; grants: number }) => ({
  ...sessionAllowance({
    limit: terms?.session_limit ?? 0,
    used: count.used,
    grants: count.grants,
  }),
  period: terms?.session_period,
  fiscalYear: countedYear(terms),
});

/** OrganizationsService.dtos: the free-session allowance and grants of each organization. */
async function organizationDtos(db: Db, organizations: Row[]) {
  const ids = organizations.map((o) => o.id as string);
  const allowances = new Map<string, Record<string, unknown>>();
  const grants: Row[] = [];
  if (ids.length > 0) {
    // AllowanceRepository.withGrants: the program's terms, then the counts and grants at once.
    const terms = await sessionTerms(db);
    const year = countedYear(terms);
    const counts = await rows<{ id: string; used: number; grant_list: Row[] }>(
      db,
      ALLOWANCE_SQL.countsWithGrants,
      [ids, COUNTED_SESSION_STATUSES, year],
    );
    for (const count of counts) {
      const own = count.grant_list.map((g) => ({
        ...g,
        created_at: new Date(Number(g.created_at)),
      }));
      grants.push(...own);
      const counted = own.filter((g) => year === null || (g as Row).fiscal_year === year).length;
      allowances.set(count.id, allowanceOf(terms, { used: count.used, grants: counted }));
    }
  }
  return organizations.map((o) =>
    organizationDto(
      o,
      allowances.get(o.id as string),
      grants.filter((g) => g.organization_id === o.id),
    ),
  );
}

function organizationDto(o: Row, allowance: Record<string, unknown> | undefined, grants: Row[]) {
  return {
    id: o.id,
    name: o.name,
    nameKana: o.name_kana,
    corporateNumber: o.corporate_number,
    prefectureCode: o.prefecture_code,
    industryCode: o.industry_code,
    industrySubcode: o.industry_subcode,
    smeSector: o.sme_sector,
    employees: o.employees,
    capitalYen: o.capital_yen === null ? null : Number(o.capital_yen),
    address: o.address,
    sme: o.sme,
    smeReason: o.sme_reason,
    teleworkStatus: o.telework_status,
    teleworkStatusSource: o.telework_status_source,
    teleworkStatusReason: o.telework_status_reason,
    teleworkStatusChangedAt:
      o.telework_status_changed_at instanceof Date
        ? o.telework_status_changed_at.toISOString()
        : null,
    duplicateOverrideReason: o.duplicate_override_reason,
    chamberMember: o.chamber_member,
    phone: typeof o.phone === 'string' ? formatJapanesePhone(o.phone) : null,
    notes: o.notes,
    sessionAllowance: allowance
      ? {
          limit: allowance.limit,
          used: allowance.used,
          remaining: allowance.remaining,
          period: allowance.period,
          fiscalYear: allowance.fiscalYear,
        }
      : { limit: 0, used: 0, remaining: 0, period: 'lifetime', fiscalYear: null },
    sessionGrants: grants.map((g) => ({
      id: g.id,
      reason: g.reason,
      grantedBy: g.granted_by,
      grantedByName: g.granted_by_name,
      fiscalYear: g.fiscal_year,
      createdAt: iso(g.created_at),
    })),
    version: o.version,
    createdAt: iso(o.created_at),
    updatedAt: iso(o.updated_at),
  };
}

function contactDto(c: Row) {
  return {
    id: c.id,
    organizationId: c.organization_id,
    name: c.name,
    nameKana: c.name_kana,
    title: c.title,
    phone: typeof c.phone === 'string' ? formatJapanesePhone(c.phone) : null,
    email: c.email,
    contactConsent: c.contact_consent,
    active: c.active,
    leftAt: c.left_at instanceof Date ? c.left_at.toISOString() : null,
    surveyOptOutAt: iso(c.survey_opt_out_at),
    version: c.version,
  };
}

async function findOrganization(db: Db, id: string): Promise<Row> {
  const [o] = await rows<Row>(db, ORGANIZATION_SQL.find, [id]);
  if (!o) {
    throw new NotFound();
  }
  return o;
}

async function findContact(db: Db, id: string): Promise<Row> {
  const [c] = await rows<Row>(db, `SELECT * FROM contact WHERE id = $1`, [id]);
  if (!c) {
    throw new NotFound();
  }
  return c;
}

/** OrganizationsService.load: the IN-list read, then the DTOs in the order asked for. */
async function loadOrganizations(ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  const found = await rows<Row>(pool, ORGANIZATION_SQL.findMany, [ids]);
  const byId = new Map(found.map((o) => [o.id as string, o]));
  return organizationDtos(
    pool,
    ids.flatMap((id): Row[] => {
      const o = byId.get(id);
      return o ? [o] : [];
    }),
  );
}

interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  changes?: unknown;
  meta?: unknown;
}

/** AuditService's row for one event of the benchmark's one user. */
const auditEvent = (request: FastifyRequest, event: AuditEvent): NewAuditEvent => ({
  actorId: actor.userId,
  actorEmail: actor.email,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  ip: request.ip,
  requestId: request.id,
  changes: event.changes ?? null,
  meta: event.meta ?? null,
});

async function audit(db: Db, request: FastifyRequest, event: AuditEvent): Promise<void> {
  await db.query(INSERT_AUDIT_EVENT_SQL, auditEventValues(auditEvent(request, event)));
}

/** AuditService.entries, as auditEventsJson writes them for CasesRepository.insertNew. */
const auditEntries = (request: FastifyRequest, events: AuditEvent[]): string =>
  auditEventsJson(events.map((event) => auditEvent(request, event)));

interface IntakeBody {
  channel: string;
  receivedAt?: string;
  organization: Record<string, unknown> & { id?: string; name?: string };
  contact?: Record<string, unknown> & { id?: string; name?: string };
  topics: string[];
  subject: string;
  description?: string;
  callDirection?: string;
  callDurationSeconds?: number;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

class Conflict extends Error {}

/** OrganizationsService.refuseDuplicates: lock every key the newcomer could collide on, then look. */
async function refuseDuplicates(
  db: Db,
  probe: {
    nameKey: string | null;
    prefectureCode: string | null;
    phones: string[];
    emailDomain: string | null;
    corporateNumber: string | null;
  },
): Promise<void> {
  const keys = [
    probe.nameKey && `organization-name:${probe.nameKey}`,
    probe.corporateNumber && `organization-cn:${probe.corporateNumber}`,
    ...probe.phones.map((p) => `organization-phone:${p}`),
    probe.emailDomain && `organization-domain:${probe.emailDomain}`,
  ]
    .filter((k): k is string => !!k)
    .sort();
  if (keys.length === 0) {
    return;
  }
  await db.query(ORGANIZATION_SQL.lockDuplicateKeys, [keys]);
  const check = duplicateCheck(probe);
  const found = check ? await rows<Row>(db, check.text, check.values) : [];
  if (found.length > 0) {
    throw new Conflict();
  }
}

/**
 * OrganizationsService.insert, with the contact's phone and mail as duplicate hints, the new
 * contact's phone in the search text and the audit record left to the caller (createCase).
 */
async function insertOrganization(
  db: Db,
  dto: IntakeBody['organization'],
  contact: { phone?: unknown; email?: unknown },
  options: { contactPhoneInSearchText: boolean; audit: AuditEvent[] },
  /** OrganizationsService.insertWithFirstContact: the new contact in the same statement. */
  firstContact?: NonNullable<IntakeBody['contact']>,
): Promise<Row & { first_contact?: Row }> {
  const phone = str(dto.phone) ? normalizeJapanesePhone(str(dto.phone)!) : null;
  const contactPhone = str(contact.phone) ? normalizeJapanesePhone(str(contact.phone)!) : null;
  const overrideReason = str(dto.duplicateOverrideReason);
  if (!overrideReason) {
    await refuseDuplicates(db, {
      nameKey: normalizeOrganizationName(dto.name!) || null,
      prefectureCode: str(dto.prefectureCode),
      phones: [phone, contactPhone].filter((p): p is string => !!p),
      emailDomain: str(contact.email) ? emailDomain(str(contact.email)!) : null,
      corporateNumber: str(dto.corporateNumber),
    });
  }
  const row = {
    name: dto.name!,
    nameKana: str(dto.nameKana),
    corporateNumber: str(dto.corporateNumber),
    industryCode: str(dto.industryCode),
    industrySubcode: str(dto.industrySubcode),
    smeSector: str(dto.smeSector),
    employees: num(dto.employees),
    capitalYen: num(dto.capitalYen),
  };
  const derived = derivedFields({
    ...row,
    phones: options.contactPhoneInSearchText ? [phone, contactPhone] : [phone],
  });
  const [inserted] = await rows<Row>(
    db,
    ORGANIZATION_SQL[firstContact ? 'insertWithFirstContact' : 'insert'],
    [
      row.name,
      row.nameKana,
      row.corporateNumber,
      str(dto.prefectureCode),
      str(dto.address),
      row.industryCode,
      row.smeSector,
      row.employees,
      row.capitalYen,
      str(dto.teleworkStatus) ?? 'not_started',
      dto.chamberMember === true,
      phone,
      str(dto.notes) ?? '',
      derived.sme,
      derived.smeReason,
      derived.nameNormalized,
      derived.searchText,
      overrideReason,
      row.industrySubcode,
      ...(firstContact
        ? [
            firstContact.name,
            str(firstContact.nameKana),
            str(firstContact.title),
            contactPhone,
            str(firstContact.email),
            firstContact.contactConsent !== false,
          ]
        : []),
    ],
  );
  // audit.service diff({}, …): every field that is not undefined.
  const changes = Object.fromEntries(
    Object.entries({ ...row, phone })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, { from: undefined, to: value }]),
  );
  options.audit.push({
    action: 'organization.created',
    entityType: 'organization',
    entityId: inserted!.id as string,
    changes,
    ...(overrideReason ? { meta: { duplicateOverrideReason: overrideReason } } : {}),
  });
  if (firstContact) {
    options.audit.push({
      action: 'contact.created',
      entityType: 'contact',
      entityId: (inserted!.first_contact as Row).id as string,
      meta: { organizationId: inserted!.id },
    });
  }
  return inserted!;
}

/**
 * ContactsService.insert, with OrganizationsService.refreshSearchText for a phone unless the
 * organization was created with it (organizationCreated); the audit record left to the caller.
 */
async function insertContact(
  db: Db,
  organizationId: string,
  dto: NonNullable<IntakeBody['contact']>,
  options: { organizationCreated: boolean; audit: AuditEvent[] },
): Promise<Row> {
  // The caller (createCase) has read or created the organization: organizationFound.
  const phone = str(dto.phone) ? normalizeJapanesePhone(str(dto.phone)!) : null;
  const [row] = await rows<Row>(
    db,
    `INSERT INTO contact (organization_id, name, name_kana, title, phone, email, contact_consent)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      organizationId,
      dto.name,
      str(dto.nameKana),
      str(dto.title),
      phone,
      str(dto.email),
      dto.contactConsent !== false,
    ],
  );
  if (phone && !options.organizationCreated) {
    const o = await findOrganization(db, organizationId);
    const phones = await rows<{ phone: string }>(db, ORGANIZATION_SQL.contactPhones, [
      organizationId,
    ]);
    const derived = derivedFields({
      name: o.name as string,
      nameKana: o.name_kana as string | null,
      corporateNumber: o.corporate_number as string | null,
      industryCode: o.industry_code as string | null,
      smeSector: o.sme_sector as string | null,
      employees: o.employees as number | null,
      capitalYen: o.capital_yen === null ? null : Number(o.capital_yen),
      phones: [o.phone as string | null, ...phones.map((p) => p.phone)],
    });
    await db.query(ORGANIZATION_SQL.setSearchText, [organizationId, derived.searchText]);
  }
  options.audit.push({
    action: 'contact.created',
    entityType: 'contact',
    entityId: row!.id as string,
    meta: { organizationId },
  });
  return row!;
}

// ---------------------------------------------------------------------------------------------
// Routing, auto-assignment, SLA due times, notifications
// ---------------------------------------------------------------------------------------------

interface RuleRow {
  id: string;
  channels: string[] | null;
  prefecture_codes: string[] | null;
  topic_codes: string[] | null;
  industry_codes: string[] | null;
  sme: boolean | null;
  logged_at: 'national' | 'regional' | null;
  target: 'desk' | 'coverage' | 'logger_desk';
  desk_id: string | null;
  assignee_id: string | null;
}

interface RoutingInput {
  channel: string;
  prefectureCode: string | null;
  topics: string[];
  industryCode: string | null;
  sme: boolean | null;
  loggerDeskId: string;
  loggerDeskKind: 'national' | 'regional';
}

// routing.service.ts `matches`
const matches = (rule: RuleRow, input: RoutingInput): boolean =>
  (!rule.channels || rule.channels.includes(input.channel)) &&
  (!rule.prefecture_codes ||
    (input.prefectureCode !== null && rule.prefecture_codes.includes(input.prefectureCode))) &&
  (!rule.topic_codes ||
    input.topics.some((t) =>
      rule.topic_codes!.some((code) => t === code || t.startsWith(`${code}.`)),
    )) &&
  (!rule.industry_codes ||
    (input.industryCode !== null && rule.industry_codes.includes(input.industryCode))) &&
  (rule.sme === null || rule.sme === input.sme) &&
  (!rule.logged_at || rule.logged_at === input.loggerDeskKind);

/** RoutingService.route */
async function route(db: Db, input: RoutingInput) {
  const rules = await rows<RuleRow>(
    db,
    `SELECT * FROM routing_rule WHERE active ORDER BY position, created_at`,
  );
  const rule = rules.find((r) => matches(r, input)) ?? null;
  let deskId = input.loggerDeskId;
  if (rule?.target === 'desk' && rule.desk_id) {
    deskId = rule.desk_id;
  } else if (rule?.target === 'coverage') {
    const [covering] = input.prefectureCode
      ? await rows<{ desk_id: string }>(
          db,
          `SELECT p.desk_id FROM desk_prefecture p JOIN desk d ON d.id = p.desk_id
            WHERE p.prefecture_code = $1 AND d.active`,
          [input.prefectureCode],
        )
      : [];
    deskId = covering?.desk_id ?? input.loggerDeskId;
  }
  return { deskId, assigneeId: rule?.assignee_id ?? null, ruleId: rule?.id ?? null };
}

/** RoutingService.autoAssign: the desk row stays locked until the intake commits. */
async function autoAssign(db: Db, deskId: string): Promise<string | null> {
  const [desk] = await rows<{ assignment_mode: string; last_assigned_user_id: string | null }>(
    db,
    `SELECT assignment_mode, last_assigned_user_id FROM desk WHERE id = $1 FOR UPDATE`,
    [deskId],
  );
  if (!desk || desk.assignment_mode === 'off') {
    return null;
  }
  const staff = await rows<{ id: string; open_cases: number }>(
    db,
    `SELECT u.id, (SELECT count(*) FROM "case" c
                    WHERE c.assignee_id = u.id AND c.status NOT IN ('resolved', 'closed'))::int AS open_cases
       FROM app_user u
      WHERE u.desk_id = $1 AND u.active AND u.role IN ('operator', 'desk_staff')
      ORDER BY u.id`,
    [deskId],
  );
  if (staff.length === 0) {
    return null;
  }
  let picked: string;
  if (desk.assignment_mode === 'round_robin') {
    const next = staff.find(
      (s) => desk.last_assigned_user_id !== null && s.id > desk.last_assigned_user_id,
    );
    picked = (next ?? staff[0]!).id;
  } else {
    picked = staff.reduce((best, s) => (s.open_cases < best.open_cases ? s : best), staff[0]!).id;
  }
  await db.query(`UPDATE desk SET last_assigned_user_id = $2 WHERE id = $1`, [deskId, picked]);
  return picked;
}

/** DeskCalendarService.calendarFor: cached for 30 s per desk, like the API. */
const CALENDAR_TTL_MS = 30_000;
const calendars = new Map<string, { calendar: BusinessCalendar; at: number }>();

async function calendarFor(db: Db, deskId: string): Promise<BusinessCalendar> {
  const hit = calendars.get(deskId);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) {
    return hit.calendar;
  }
  const [desk] = await rows<{ open_time: string; close_time: string; closures: string[] }>(
    db,
    `SELECT to_char(d.open_time, 'HH24:MI') AS open_time, to_char(d.close_time, 'HH24:MI') AS close_time,
            ARRAY(SELECT to_char(c.closed_on, 'YYYY-MM-DD') FROM desk_closure c WHERE c.desk_id = d.id) AS closures
       FROM desk d WHERE d.id = $1`,
    [deskId],
  );
  const calendar = makeCalendar({
    openTime: desk?.open_time ?? '09:00',
    closeTime: desk?.close_time ?? '17:00',
    extraClosures: desk?.closures ?? [],
  });
  calendars.set(deskId, { calendar, at: Date.now() });
  return calendar;
}

/** SlaService.dueTimes */
async function dueTimes(db: Db, channel: string, deskId: string, receivedAt: Date) {
  const [policy] = await rows<{
    first_response_business_hours: string | null;
    resolution_business_days: number;
  }>(db, `SELECT * FROM sla_policy WHERE channel = $1`, [channel]);
  const calendar = await calendarFor(db, deskId);
  const hours =
    policy?.first_response_business_hours === null || !policy
      ? null
      : Number(policy.first_response_business_hours);
  const days = policy?.resolution_business_days ?? 20;
  return {
    firstResponseDueAt: slaDueAt(receivedAt, { firstResponseBusinessHours: hours }, calendar),
    resolutionDueAt: resolutionDueAt(receivedAt, days, calendar),
  };
}

/** NotificationsService.notify */
async function notify(
  db: Db,
  n: {
    userIds: string[];
    kind: string;
    caseId: string;
    title: string;
    body: string;
    dedupeKey: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO notification (user_id, kind, case_id, title, body, dedupe_key)
     SELECT u.id, $2, $3, $4, $5, $6 FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.active
     ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
    [n.userIds, n.kind, n.caseId, n.title.slice(0, 200), n.body.slice(0, 2000), n.dedupeKey],
  );
}

// ---------------------------------------------------------------------------------------------
// Cases (cases.service.ts)
// ---------------------------------------------------------------------------------------------

/** CasesService.load */
async function loadCase(id: string) {
  const [row] = await rows<Row>(pool, CASE_SQL.load, [id]);
  if (!row) {
    throw new NotFound();
  }
  // OrganizationsService.get: find, then the DTO with the allowance.
  const [organization] = await organizationDtos(pool, [
    await findOrganization(pool, row.organization_id as string),
  ]);
  const contact =
    typeof row.contact_id === 'string' ? contactDto(await findContact(pool, row.contact_id)) : null;
  return caseDto(row, organization, contact);
}

function caseDto(row: Row, organization: unknown, contact: unknown) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    channel: row.channel,
    deskId: row.desk_id,
    assigneeId: row.assignee_id,
    subject: row.subject,
    description: row.description,
    topics: row.topics,
    receivedAt: iso(row.received_at),
    callDirection: row.call_direction,
    callDurationSeconds: row.call_duration_seconds,
    firstResponseDueAt: iso(row.first_response_due_at),
    firstRespondedAt: iso(row.first_responded_at),
    resolutionDueAt: iso(row.resolution_due_at),
    slaPausedSince: iso(row.sla_paused_since),
    pendingTransfer:
      row.transfer_to_desk_id && row.transfer_requested_at && row.transfer_accept_due_at
        ? {
            toDeskId: row.transfer_to_desk_id,
            fromDeskId: row.transfer_from_desk_id ?? row.desk_id,
            reason: row.transfer_reason ?? '',
            requestedAt: iso(row.transfer_requested_at),
            acceptDueAt: iso(row.transfer_accept_due_at),
          }
        : null,
    outcome: row.outcome,
    outcomeConfirmedOn: row.outcome_confirmed_on,
    notAdoptedReason: row.not_adopted_reason,
    closedAt: iso(row.closed_at),
    version: row.version,
    organization,
    contact,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function findScoped(db: Db, id: string): Promise<Row> {
  // An operator's scope is everything: the API's caseScope() yields TRUE.
  const [row] = await rows<Row>(db, CASE_SQL.findScoped('TRUE'), [id]);
  if (!row) {
    throw new NotFound();
  }
  return row;
}

/** CasesService.nextCaseNumber: its own short transaction, before the intake's. */
async function nextCaseNumber(receivedAt: Date): Promise<string> {
  const fiscalYear = fiscalYearOf(receivedAt);
  const [sequence] = await rows<{ last_value: number }>(pool, CASE_SQL.nextNumberAlone, [
    fiscalYear,
  ]);
  return formatCaseNumber(fiscalYear, sequence!.last_value);
}

interface CreatedCase {
  row: Row;
  organization: Row;
  organizationCreated: boolean;
  contact: Row | null;
}

/** CasesService.createCase, inside the intake's transaction. */
async function createCase(
  db: Db,
  request: FastifyRequest,
  dto: IntakeBody,
  number: string,
  id: string,
): Promise<CreatedCase> {
  const audits: AuditEvent[] = [];
  const organizationCreated = !dto.organization.id;
  // OrganizationsService.findWithVisibleContact: an operator sees every contact.
  const known =
    dto.organization.id && dto.contact?.id
      ? (
          await rows<Row>(db, ORGANIZATION_SQL.findWithContact('TRUE'), [
            dto.organization.id,
            dto.contact.id,
          ])
        )[0]
      : undefined;
  if (known && !known.contact_found) {
    throw new NotFound();
  }
  const organization = known
    ? known
    : dto.organization.id
      ? await findOrganization(db, dto.organization.id)
      : await insertOrganization(
          db,
          dto.organization,
          dto.contact?.id ? {} : { phone: dto.contact?.phone, email: dto.contact?.email },
          { contactPhoneInSearchText: !!dto.contact && !dto.contact.id, audit: audits },
          dto.contact && !dto.contact.id ? dto.contact : undefined,
        );
  const organizationId = organization.id as string;
  let contact: Row | null = null;
  if (organization.first_contact) {
    contact = organization.first_contact as Row;
  } else if (known) {
    contact = known.contact_found as Row;
  } else if (dto.contact?.id) {
    contact = await findContact(db, dto.contact.id);
  } else if (dto.contact) {
    contact = await insertContact(db, organizationId, dto.contact, {
      organizationCreated,
      audit: audits,
    });
  }
  const contactId = contact ? (contact.id as string) : null;
  const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
  const loggerDeskId = actor.deskId;
  const decision = await route(db, {
    channel: dto.channel,
    prefectureCode: organization.prefecture_code as string | null,
    topics: dto.topics,
    industryCode: organization.industry_code as string | null,
    sme: organization.sme as boolean | null,
    loggerDeskId,
    loggerDeskKind: loggerDeskId === NATIONAL_DESK_ID ? 'national' : 'regional',
  });
  const deskId = decision.deskId;
  const loggerIsStaff = actor.role === 'desk_staff' || actor.role === 'operator';
  const assigneeId =
    decision.assigneeId ??
    (deskId === loggerDeskId && loggerIsStaff ? actor.userId : await autoAssign(db, deskId));
  const answered = ANSWERED_ON_CONTACT.has(dto.channel);
  const due = await dueTimes(db, dto.channel, deskId, receivedAt);
  audits.push({ action: 'case.created', entityType: 'case', entityId: id });
  // CasesRepository.insertNew: the case, its topics, its `created` event and the audit trail in
  // one statement.
  const [created] = await rows<Row>(db, CASE_SQL.insertNew, [
    number,
    organizationId,
    contactId,
    deskId,
    assigneeId,
    dto.channel,
    dto.subject,
    dto.description ?? '',
    receivedAt,
    dto.callDirection ?? null,
    dto.callDurationSeconds ?? null,
    answered ? receivedAt : null,
    actor.userId,
    answered ? null : due.firstResponseDueAt,
    due.resolutionDueAt,
    dto.topics,
    actor.userId,
    dto.description ?? '',
    JSON.stringify({
      channel: dto.channel,
      topics: dto.topics,
      deskId,
      ...(decision.ruleId ? { routingRuleId: decision.ruleId } : {}),
      ...(dto.callDurationSeconds !== undefined
        ? { callDurationSeconds: dto.callDurationSeconds }
        : {}),
    }),
    id,
    auditEntries(request, audits),
  ]);
  if (assigneeId && assigneeId !== actor.userId) {
    await notify(db, {
      userIds: [assigneeId],
      kind: 'assigned',
      caseId: id,
      title: `新しい案件が割り当てられました: ${dto.subject}`,
      body: organization.name as string,
      dedupeKey: `assigned:${id}:${assigneeId}`,
    });
  }
  return {
    row: created!,
    organization,
    organizationCreated,
    contact,
  };
}

/**
 * CasesService.answer: the intake's case from the rows its transaction wrote and read; only a
 * known organization's sessions and grants are counted (the actor, an operator, sees every
 * contact).
 */
async function answer(created: CreatedCase) {
  const [organization] = created.organizationCreated
    ? [
        organizationDto(
          created.organization,
          allowanceOf(await sessionTerms(pool), { used: 0, grants: 0 }),
          [],
        ),
      ]
    : await organizationDtos(pool, [created.organization]);
  return caseDto(created.row, organization, created.contact ? contactDto(created.contact) : null);
}

/** CasesService.intake */
async function intake(request: FastifyRequest, dto: IntakeBody, key: string | undefined) {
  const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
  const number = await nextCaseNumber(dto.receivedAt ? new Date(dto.receivedAt) : new Date());
  const id = randomUUID();
  const db = await pool.connect();
  let outcome: { replayedId: string } | { created: CreatedCase };
  try {
    await db.query('START TRANSACTION');
    let replayed: string | null = null;
    if (key) {
      const claimed = await rows<{ key: string }>(db, CASE_SQL.claimIdempotencyKey, [
        actor.userId,
        key,
        requestHash,
        id,
      ]);
      if (claimed.length === 0) {
        const [previous] = await rows<{ request_hash: string; resource_id: string | null }>(
          db,
          CASE_SQL.findIdempotencyKey,
          [actor.userId, key],
        );
        if (!previous || previous.request_hash !== requestHash || !previous.resource_id) {
          throw new Error('IDEMPOTENCY_KEY_REUSED');
        }
        replayed = previous.resource_id;
      }
    }
    if (replayed) {
      outcome = { replayedId: replayed };
    } else {
      outcome = { created: await createCase(db, request, dto, number, id) };
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    db.release();
  }
  return 'replayedId' in outcome ? loadCase(outcome.replayedId) : answer(outcome.created);
}

// ---------------------------------------------------------------------------------------------
// The case list (case-list.service.ts)
// ---------------------------------------------------------------------------------------------

interface ListQuery {
  q?: string;
  status?: string;
  deskId?: string;
  channel?: string;
  limit?: string;
}

/** CaseListService.list for the filters the benchmark sends (status, desk, channel, q). */
async function listCases(query: ListQuery) {
  const params: unknown[] = [];
  const where = ['TRUE'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const status = query.status
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (query.deskId) {
    add((p) => `c.desk_id = ${p}`, query.deskId);
  }
  if (query.channel) {
    add((p) => `c.channel = ${p}`, query.channel);
  }
  const limit = Number(query.limit ?? 50);
  // The search and the final SELECT are the service's own statements (case-list-query.ts).
  const found = await selectCaseList((sql, values) => rows(pool, sql, values), {
    where,
    params,
    statuses: status?.length ? status : undefined,
    q: query.q,
    ascending: false,
    limit,
    walkRows: SEARCH_WALK_ROWS,
  });
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      channel: r.channel,
      deskId: r.desk_id,
      assigneeId: r.assignee_id,
      subject: r.subject,
      topics: r.topics,
      receivedAt: iso(r.received_at),
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      prefectureCode: r.prefecture_code,
      firstResponseDueAt: iso(r.first_response_due_at),
      firstRespondedAt: iso(r.first_responded_at),
      resolutionDueAt: iso(r.resolution_due_at),
      transferToDeskId: r.transfer_to_desk_id,
      transferAcceptDueAt: iso(r.transfer_accept_due_at),
      version: r.version,
    })),
    nextCursor:
      found.length > limit && last
        ? // keyset-cursor.ts encodeCursor
          Buffer.from(JSON.stringify([iso(last.received_at), last.id])).toString('base64url')
        : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The typeahead (organizations.service.ts search)
// ---------------------------------------------------------------------------------------------

const organizationEstimate = new ReferenceCache<number>(60_000);

/** OrganizationsService.search with a query: a capped probe, then the typeahead index. */
async function searchOrganizations(query: { q?: string; limit?: string }) {
  const limit = Number(query.limit ?? 20);
  const number = query.q ? numberQuery(query.q) : null;
  if (number) {
    const found = await rows<{ id: string }>(pool, ORGANIZATION_SQL.searchByNumber, [
      number.phone,
      number.corporateNumber,
      limit,
    ]);
    return { items: await loadOrganizations(found.map((r) => r.id)), nextCursor: null };
  }
  const q = query.q ? normalizeQuery(query.q) : '';
  const like = escapeLike(q);
  if ([...q].length < 2) {
    const found = await rows<{ id: string }>(pool, ORGANIZATION_SQL.searchPrefix, [like, limit]);
    return { items: await loadOrganizations(found.map((r) => r.id)), nextCursor: null };
  }
  // OrganizationsService.search: a surely common term from the shortest names, without the probe.
  const window = searchDenseWindow(
    limit,
    await organizationEstimate.get(async () => {
      const [estimate] = await rows<{ n: number }>(pool, ORGANIZATION_SQL.estimatedCount, []);
      return estimate?.n ?? 0;
    }),
  );
  if (window > 0) {
    const dense = await rows<{ id: string }>(pool, ORGANIZATION_SQL.searchWalk, [
      like,
      limit,
      window,
    ]);
    if (dense.length === limit) {
      return { items: await loadOrganizations(dense.map((r) => r.id)), nextCursor: null };
    }
  }
  const [probe] = await rows<{ ids: string[] | null; capped: boolean }>(
    pool,
    ORGANIZATION_SQL.searchProbe,
    [q, like, limit],
  );
  let ids = probe?.ids ?? [];
  if (probe?.capped) {
    const walked = (
      await rows<{ id: string }>(pool, ORGANIZATION_SQL.searchWalk, [like, limit, SEARCH_WALK_CAP])
    ).map((r) => r.id);
    ids = [...walked, ...ids.filter((id) => !walked.includes(id))].slice(0, limit);
  }
  return { items: await loadOrganizations(ids), nextCursor: null };
}

// ---------------------------------------------------------------------------------------------
// The timeline and the server
// ---------------------------------------------------------------------------------------------

async function timeline(id: string) {
  await findScoped(pool, id);
  const events = await rows<Row>(pool, CASE_SQL.events, [id, null]);
  return {
    items: events.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: iso(r.at),
      actorId: r.actor_id,
      actorName: r.actor_name,
      body: r.body,
      data: r.data,
    })),
    nextCursor: null,
  };
}

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  let closing = false;
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof NotFound) {
      return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND' });
    }
    if (error instanceof Conflict) {
      return reply.code(409).send({ statusCode: 409, code: 'ORGANIZATION_POSSIBLE_DUPLICATE' });
    }
    if (!closing) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
    return reply.code(500).send({ statusCode: 500, code: 'INTERNAL' });
  });
  app.get('/health', () => ({ status: 'ok' }));
  app.post<{ Body: IntakeBody }>('/api/cases', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    const created = await intake(
      request,
      request.body,
      typeof header === 'string' ? header : undefined,
    );
    return reply.code(201).send(created);
  });
  app.get<{ Querystring: ListQuery }>('/api/cases', (request) => listCases(request.query));
  app.get<{ Params: { id: string } }>('/api/cases/:id', async (request) => {
    await findScoped(pool, request.params.id);
    await audit(pool, request, {
      action: 'case.viewed',
      entityType: 'case',
      entityId: request.params.id,
    });
    return loadCase(request.params.id);
  });
  app.get<{ Params: { id: string } }>('/api/cases/:id/events', (request) =>
    timeline(request.params.id),
  );
  app.get<{ Querystring: { q?: string; limit?: string } }>('/api/organizations', (request) =>
    searchOrganizations(request.query),
  );

  const stop = () => {
    closing = true;
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen({ port: Number(env('BASELINE_PORT')), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`could not start: ${String(error)}\n`);
  process.exit(1);
});
