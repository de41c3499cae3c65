import 'reflect-metadata';
import { fiscalYearOf, fiscalYearRange, formatCaseNumber } from '@madoguchi/domain';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateWithLock } from '../src/database/migrate';
import { DESKS } from '../src/seed/reference-data';
import { seedReferenceData } from '../src/seed/seed';
import { organizationCaseSearchText } from '../src/modules/organizations/organization-search';
import {
  between,
  CALLS,
  copyRow,
  derivedOf,
  description,
  EMAILS_IN,
  EMAILS_OUT,
  makeContact,
  makeOrganization,
  NOT_ADOPTED_REASONS,
  NOTES,
  pick,
  pickChannel,
  pickOutcome,
  type Random,
  seededRandom,
  STATUS_PATH,
  statusForAge,
  subjectFor,
  topicsFor,
  uuidFactory,
  weighted,
} from './dataset';

/** Full scale: the sizes the issue asks for. BENCH_SCALE multiplies all of them. */
export const FULL_SCALE = { organizations: 300_000, contacts: 600_000, cases: 1_000_000 };

const MARKER = 'madoguchi-bench';
const LOADED_TABLES = [
  'organization',
  'contact',
  'case',
  'case_topic',
  'case_event',
  'audit_event',
];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface BenchUser {
  id: string;
  email: string;
  role: 'operator' | 'desk_staff';
  deskId: string;
}

export interface PreparedDatabase {
  url: string;
  reused: boolean;
  loadSeconds: number | null;
  counts: Record<string, number>;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, options: '-c timezone=UTC' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const markerOf = (scale: number): string => `${MARKER} scale=${scale}`;

/**
 * A database with the real schema and the synthetic dataset: reused when BENCH_REUSE is set and
 * the database was loaded completely at the same scale, otherwise dropped, created and loaded.
 */
export async function prepareDatabase(options: {
  serverUrl: string;
  database: string;
  scale: number;
  reuse: boolean;
  log: (line: string) => void;
}): Promise<PreparedDatabase> {
  const { serverUrl, database, scale, log } = options;
  const adminUrl = databaseUrl(serverUrl, 'postgres');
  const url = databaseUrl(serverUrl, database);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`BENCH_DATABASE must be a plain lower-case name, not "${database}"`);
  }
  const comment = await withClient(adminUrl, async (c) => {
    const rows = await c.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    return rows.rows[0]?.comment ?? null;
  });
  if (options.reuse && comment?.startsWith(markerOf(scale))) {
    log(`Reusing ${database} (${comment})`);
    await migrate(url);
    // Earlier runs' intake left dead rows and a GIN pending list: start from the same vacuumed
    // state as a fresh load, so runs compare.
    await withClient(url, async (c) => {
      for (const table of LOADED_TABLES) {
        await c.query(`VACUUM (ANALYZE) "${table}"`);
      }
      // The report roll-ups' queue: every intake adds rows that a later apply deletes. Autovacuum
      // keeps it small (its reloptions); a server that runs without autovacuum, as CI's does,
      // would let each run's dead rows slow the next run's applies.
      const [queue] = (
        await c.query<{ exists: boolean }>(
          `SELECT to_regclass('report_pending_case') IS NOT NULL AS exists`,
        )
      ).rows;
      if (queue?.exists) {
        await c.query(`VACUUM report_pending_case`);
      }
    });
    return { url, reused: true, loadSeconds: null, counts: await countRows(url) };
  }
  if (options.reuse) {
    log(
      comment
        ? `BENCH_REUSE: ${database} holds "${comment}", not scale=${scale}; reloading`
        : `BENCH_REUSE: ${database} is missing or incomplete; loading`,
    );
  }
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${database}`);
  });
  const started = Date.now();
  await migrate(url);
  log(`Migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await bulkLoad(url, scale, log);
  const loadSeconds = (Date.now() - started) / 1000;
  const counts = await countRows(url);
  await withClient(adminUrl, (c) =>
    c.query(
      `COMMENT ON DATABASE ${database} IS '${markerOf(scale)} loaded=${new Date().toISOString()} seconds=${loadSeconds.toFixed(0)}'`,
    ),
  );
  return { url, reused: false, loadSeconds, counts };
}

/** The app's own migrations and reference data (desks, coverage, topics, referral catalogue). */
async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: url,
      pool: { max: 2, connectTimeoutMs: 10_000, statementTimeoutMs: 0 },
      applicationName: 'madoguchi-bench',
    }),
  );
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource);
    await dataSource.transaction((db) => seedReferenceData(db));
  } finally {
    await dataSource.destroy();
  }
}

export async function countRows(url: string): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const counts: Record<string, number> = {};
    for (const table of LOADED_TABLES) {
      // Planner estimates after ANALYZE: exact counts of millions of rows take seconds.
      const rows = await c.query<{ n: string }>(
        `SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`,
        [`"${table}"`],
      );
      counts[table] = Number(rows.rows[0]?.n ?? 0);
    }
    return counts;
  });
}

/** Buffers rows and writes them to a COPY … FROM STDIN stream, honouring back-pressure. */
class CopyWriter {
  rows = 0;
  private buffer = '';
  private readonly failed: Promise<never>;

  constructor(
    readonly table: string,
    private readonly stream: Writable,
  ) {
    this.failed = new Promise<never>((_, reject) => stream.once('error', reject));
    this.failed.catch(() => undefined);
  }

  /** True when the caller should `await flush()`. */
  add(row: string): boolean {
    this.buffer += row;
    this.rows += 1;
    return this.buffer.length > 1 << 16;
  }

  async flush(): Promise<void> {
    if (!this.buffer) {
      return;
    }
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) {
      await Promise.race([once(this.stream, 'drain'), this.failed]);
    }
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await Promise.race([finished(this.stream), this.failed]);
  }
}

async function copyInto(client: Client, table: string, columns: string[]): Promise<CopyWriter> {
  // Bulk loading: no per-row foreign-key triggers (the generator keeps references consistent).
  await client.query(`SET session_replication_role = replica`);
  return new CopyWriter(
    table,
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

interface OrgRef {
  id: string;
  prefecture: string;
  employees: number;
  contactIds: string[];
  /** Copied onto each of its cases, as the case_organization_search_text trigger would. */
  searchText: string;
}

async function bulkLoad(url: string, scale: number, log: (line: string) => void): Promise<void> {
  const sizes = {
    organizations: Math.max(50, Math.round(FULL_SCALE.organizations * scale)),
    contacts: Math.max(50, Math.round(FULL_SCALE.contacts * scale)),
    cases: Math.max(100, Math.round(FULL_SCALE.cases * scale)),
  };
  const clients = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const client = new Client({ connectionString: url, options: '-c timezone=UTC' });
      await client.connect();
      return client;
    }),
  );
  const [c0, c1, c2, c3] = clients as [Client, Client, Client, Client];
  try {
    // Secondary indexes are dropped for the load and rebuilt from their exact definitions after:
    // one sorted build is far cheaper than millions of random inserts.
    const indexes = await c0.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [LOADED_TABLES],
    );
    for (const index of indexes.rows) {
      await c0.query(`DROP INDEX ${index.name}`);
    }
    const users = await createUsers(c0);

    let phase = Date.now();
    const orgs = await loadOrganizations(c0, c1, sizes);
    log(
      `  organizations ${orgs.length}, contacts ${orgs.reduce((n, o) => n + o.contactIds.length, 0)}: ` +
        `${((Date.now() - phase) / 1000).toFixed(1)} s`,
    );
    phase = Date.now();
    const loaded = await loadCases(clients, orgs, users, sizes.cases);
    log(
      `  cases ${loaded.cases}, case_topic ${loaded.topics}, case_event ${loaded.events}, ` +
        `audit_event ${loaded.cases}: ${((Date.now() - phase) / 1000).toFixed(1)} s`,
    );

    phase = Date.now();
    // Two builders at a time: this machine has two cores.
    const queue = [...indexes.rows].sort(
      (a, b) => Number(b.def.includes(' gin ')) - Number(a.def.includes(' gin ')),
    );
    await Promise.all(
      [c2, c3].map(async (client) => {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        for (let next = queue.shift(); next; next = queue.shift()) {
          await client.query(next.def);
        }
      }),
    );
    log(`  ${indexes.rows.length} indexes rebuilt: ${((Date.now() - phase) / 1000).toFixed(1)} s`);

    phase = Date.now();
    // What autovacuum would have done by the time a database holds three years of cases:
    // statistics, hint bits and the visibility map (index-only scans).
    const tables = [...LOADED_TABLES];
    await Promise.all(
      [c2, c3].map(async (client) => {
        for (let next = tables.shift(); next; next = tables.shift()) {
          await client.query(`VACUUM (ANALYZE) "${next}"`);
        }
      }),
    );
    await c0.query('ANALYZE');
    log(`  VACUUM ANALYZE: ${((Date.now() - phase) / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function createUsers(client: Client): Promise<BenchUser[]> {
  const users: { email: string; name: string; role: 'operator' | 'desk_staff'; desk: string }[] =
    [];
  for (let i = 1; i <= 15; i += 1) {
    users.push({
      email: `bench-operator-${i}@example.jp`,
      name: `相談員 ${i}`,
      role: 'operator',
      desk: 'national',
    });
  }
  for (const desk of DESKS.filter((d) => d.kind === 'regional')) {
    for (let i = 1; i <= 3; i += 1) {
      users.push({
        email: `bench-${desk.id}-${i}@example.jp`,
        name: `${desk.nameJa} ${i}`,
        role: 'desk_staff',
        desk: desk.id,
      });
    }
  }
  const rows = await client.query<{ id: string; email: string }>(
    `INSERT INTO app_user (email, display_name, role, desk_id, must_change_password)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
     RETURNING id, email`,
    [
      users.map((u) => u.email),
      users.map((u) => u.name),
      users.map((u) => u.role),
      users.map((u) => u.desk),
      users.map(() => false),
    ],
  );
  const ids = new Map(rows.rows.map((r) => [r.email, r.id]));
  return users.map((u) => ({
    id: ids.get(u.email)!,
    email: u.email,
    role: u.role,
    deskId: u.desk,
  }));
}

/** Contacts per organization: none for a tenth, one to five for the rest, summing exactly. */
function contactCounts(rnd: Random, organizations: number, contacts: number): number[] {
  const pickCount = weighted([
    [0, 10],
    [1, 30],
    [2, 25],
    [3, 20],
    [4, 10],
    [5, 5],
  ] as const);
  const counts = Array.from({ length: organizations }, () => pickCount(rnd) as number);
  let total = counts.reduce((a, b) => a + b, 0);
  while (total !== contacts) {
    const i = Math.floor(rnd() * organizations);
    if (total > contacts && counts[i]! > 0) {
      counts[i] = counts[i]! - 1;
      total -= 1;
    } else if (total < contacts && counts[i]! < 8) {
      counts[i] = counts[i]! + 1;
      total += 1;
    }
  }
  return counts;
}

async function loadOrganizations(
  orgClient: Client,
  contactClient: Client,
  sizes: { organizations: number; contacts: number },
): Promise<OrgRef[]> {
  const rnd = seededRandom(20260401);
  const uuid = uuidFactory();
  const counts = contactCounts(rnd, sizes.organizations, sizes.contacts);
  const organizations = await copyInto(orgClient, 'organization', [
    'id',
    'name',
    'name_kana',
    'corporate_number',
    'prefecture_code',
    'address',
    'industry_code',
    'employees',
    'capital_yen',
    'telework_status',
    'chamber_member',
    'phone',
    'sme',
    'sme_reason',
    'name_normalized',
    'search_text',
    'created_at',
    'updated_at',
  ]);
  const contacts = await copyInto(contactClient, 'contact', [
    'id',
    'organization_id',
    'name',
    'name_kana',
    'title',
    'phone',
    'email',
    'contact_consent',
    'created_at',
    'updated_at',
  ]);
  const now = Date.now();
  const refs: OrgRef[] = [];
  for (let i = 0; i < sizes.organizations; i += 1) {
    const o = makeOrganization(rnd, i);
    const id = uuid();
    const people = Array.from({ length: counts[i]! }, () => makeContact(rnd, o.domain));
    // As the API keeps it: the search text covers the organization's and its contacts' phones.
    const derived = derivedOf(
      o,
      people.map((p) => p.phone),
    );
    const createdAt = new Date(now - Math.floor(rnd() * 4 * 365) * DAY_MS).toISOString();
    let flush = organizations.add(
      copyRow([
        id,
        o.name,
        o.nameKana,
        o.corporateNumber,
        o.prefectureCode,
        o.address,
        o.industryCode,
        o.employees,
        o.capitalYen,
        o.teleworkStatus,
        o.chamberMember,
        o.phone,
        derived.sme,
        derived.smeReason,
        derived.nameNormalized,
        derived.searchText,
        createdAt,
        createdAt,
      ]),
    );
    const contactIds: string[] = [];
    for (const p of people) {
      const contactId = uuid();
      contactIds.push(contactId);
      flush =
        contacts.add(
          copyRow([
            contactId,
            id,
            p.name,
            p.nameKana,
            p.title,
            p.phone,
            p.email,
            rnd() < 0.95,
            createdAt,
            createdAt,
          ]),
        ) || flush;
    }
    refs.push({
      id,
      prefecture: o.prefectureCode,
      employees: o.employees,
      contactIds,
      searchText: organizationCaseSearchText(o),
    });
    if (flush) {
      await Promise.all([organizations.flush(), contacts.flush()]);
    }
  }
  await Promise.all([organizations.end(), contacts.end()]);
  return refs;
}

/**
 * Weekday arrival times (desk hours, 9:00–18:00 JST), oldest first, over three fiscal years per
 * million cases (at least three): a larger dataset is more years of the same load, as a desk's
 * database grows (docs/scaling.md), and no fiscal year passes the case number's 999,999.
 */
function* arrivals(rnd: Random, total: number, now: Date): Generator<Date> {
  const years = Math.max(3, Math.round((3 * total) / 1_000_000));
  const start = fiscalYearRange(fiscalYearOf(now) - (years - 1)).start;
  const days: { day: Date; weight: number }[] = [];
  for (let t = start.getTime(); t < now.getTime() - DAY_MS; t += DAY_MS) {
    const day = new Date(t);
    // `day` is 00:00 JST, i.e. 15:00 UTC the day before: the JST weekday is the next UTC day's.
    const weekday = new Date(t + 9 * HOUR_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      continue;
    }
    const month = new Date(t + 9 * HOUR_MS).getUTCMonth() + 1;
    const season = month >= 4 && month <= 6 ? 1.25 : month === 8 || month === 12 ? 0.8 : 1;
    const growth = 1 + (0.3 * (t - start.getTime())) / (365 * DAY_MS);
    days.push({ day, weight: season * growth });
  }
  const totalWeight = days.reduce((n, d) => n + d.weight, 0);
  let cumulative = 0;
  let emitted = 0;
  for (const { day, weight } of days) {
    cumulative += (weight * total) / totalWeight;
    const count = Math.round(cumulative) - emitted;
    const times = Array.from(
      { length: count },
      () => day.getTime() + 9 * HOUR_MS + Math.floor(rnd() * 9 * HOUR_MS),
    ).sort((a, b) => a - b);
    for (const time of times) {
      yield new Date(time);
    }
    emitted += count;
  }
}

const jstDate = (d: Date): string => new Date(d.getTime() + 9 * HOUR_MS).toISOString().slice(0, 10);

async function loadCases(
  clients: Client[],
  orgs: OrgRef[],
  users: BenchUser[],
  total: number,
): Promise<{ cases: number; topics: number; events: number }> {
  const [c0, c1, c2, c3] = clients as [Client, Client, Client, Client];
  const rnd = seededRandom(20261122);
  const uuid = uuidFactory();
  const now = new Date();
  const coverage = new Map(DESKS.flatMap((d) => d.prefectures.map((p) => [p, d.id] as const)));
  const staffOf = new Map<string, BenchUser[]>();
  for (const user of users) {
    staffOf.set(user.deskId, [...(staffOf.get(user.deskId) ?? []), user]);
  }
  const cases = await copyInto(c0, '"case"', [
    'id',
    'number',
    'organization_id',
    'contact_id',
    'desk_id',
    'assignee_id',
    'channel',
    'status',
    'subject',
    'description',
    'received_at',
    'call_direction',
    'call_duration_seconds',
    'outcome',
    'outcome_confirmed_on',
    'not_adopted_reason',
    'first_responded_at',
    'closed_at',
    'created_by',
    'version',
    'created_at',
    'updated_at',
    'organization_search_text',
  ]);
  const topics = await copyInto(c1, 'case_topic', ['case_id', 'topic_code']);
  const events = await copyInto(c2, 'case_event', [
    'case_id',
    'kind',
    'actor_id',
    'at',
    'body',
    'data',
  ]);
  const audit = await copyInto(c3, 'audit_event', [
    'at',
    'actor_id',
    'actor_email',
    'action',
    'entity_type',
    'entity_id',
  ]);
  const writers = [cases, topics, events, audit];
  const sequences = new Map<number, number>();

  for (const receivedAt of arrivals(rnd, total, now)) {
    // A few organizations call again and again; most call once or twice.
    const org = orgs[Math.floor(orgs.length * Math.pow(rnd(), 1.6))]!;
    const channel = pickChannel(rnd);
    const regional =
      channel === 'walk_in' || channel === 'seminar' || channel === 'chamber_referral';
    const deskId = regional ? (coverage.get(org.prefecture) ?? 'national') : 'national';
    const staff = staffOf.get(deskId) ?? staffOf.get('national')!;
    const creator = pick(rnd, staff);
    const ageDays = (now.getTime() - receivedAt.getTime()) / DAY_MS;
    const status = statusForAge(rnd, ageDays);
    const caseTopics = topicsFor(rnd);
    const text = description(rnd, org.employees);
    const fiscalYear = fiscalYearOf(receivedAt);
    const sequence = (sequences.get(fiscalYear) ?? 0) + 1;
    sequences.set(fiscalYear, sequence);
    const id = uuid();
    const answered = channel === 'phone' || channel === 'walk_in' || channel === 'seminar';
    const latest = now.getTime() - HOUR_MS;
    const firstResponse = answered
      ? receivedAt
      : status === 'new'
        ? null
        : new Date(Math.min(latest, receivedAt.getTime() + between(rnd, 1, 48) * HOUR_MS));
    const closed = status === 'closed';
    const endAt = Math.min(latest, receivedAt.getTime() + between(rnd, 1, 60) * DAY_MS);
    const outcome = closed ? pickOutcome(rnd) : null;
    const callSeconds = channel === 'phone' ? between(rnd, 60, 1800) : null;

    // The timeline: created, some calls/mails/notes, then the status changes in order.
    const path = STATUS_PATH[status];
    const comms = between(rnd, 0, path.length === 0 ? 1 : 2);
    const span = Math.max(60_000, endAt - receivedAt.getTime());
    const times = Array.from(
      { length: comms + path.length },
      () => receivedAt.getTime() + 60_000 + Math.floor(rnd() * span),
    ).sort((a, b) => a - b);
    let flush = events.add(
      copyRow([
        id,
        'created',
        creator.id,
        receivedAt.toISOString(),
        text,
        JSON.stringify({
          channel,
          topics: caseTopics,
          ...(callSeconds === null ? {} : { callDurationSeconds: callSeconds }),
        }),
      ]),
    );
    let lastAt = receivedAt.getTime();
    let from = 'new';
    for (let k = 0; k < times.length; k += 1) {
      const at = new Date(times[k]!).toISOString();
      lastAt = times[k]!;
      if (k < comms) {
        const kind =
          channel === 'email' || channel === 'web'
            ? pick(rnd, ['email_in', 'email_out', 'note'] as const)
            : pick(rnd, ['call', 'note'] as const);
        const body =
          kind === 'call'
            ? pick(rnd, CALLS)
            : kind === 'email_in'
              ? pick(rnd, EMAILS_IN)
              : kind === 'email_out'
                ? pick(rnd, EMAILS_OUT)
                : pick(rnd, NOTES);
        const data =
          kind === 'call' ? { direction: 'outbound', durationSeconds: between(rnd, 60, 900) } : {};
        flush =
          events.add(copyRow([id, kind, pick(rnd, staff).id, at, body, JSON.stringify(data)])) ||
          flush;
      } else {
        const to = path[k - comms]!;
        const data =
          to === 'closed'
            ? { from, to, outcome, outcomeConfirmedOn: jstDate(new Date(lastAt)) }
            : { from, to };
        flush =
          events.add(copyRow([id, 'status_changed', creator.id, at, '', JSON.stringify(data)])) ||
          flush;
        from = to;
      }
    }
    const closedAt = closed ? new Date(lastAt) : null;
    flush =
      cases.add(
        copyRow([
          id,
          formatCaseNumber(fiscalYear, sequence),
          org.id,
          org.contactIds.length > 0 && rnd() < 0.9 ? pick(rnd, org.contactIds) : null,
          deskId,
          status === 'new' && rnd() < 0.7 ? null : creator.id,
          channel,
          status,
          subjectFor(rnd, caseTopics[0]!),
          text,
          receivedAt.toISOString(),
          channel === 'phone' ? 'inbound' : null,
          callSeconds,
          outcome,
          closedAt ? jstDate(closedAt) : null,
          outcome === 'not_adopted' ? pick(rnd, NOT_ADOPTED_REASONS) : null,
          firstResponse?.toISOString() ?? null,
          closedAt?.toISOString() ?? null,
          creator.id,
          1 + path.length,
          receivedAt.toISOString(),
          new Date(lastAt).toISOString(),
          org.searchText,
        ]),
      ) || flush;
    for (const topic of caseTopics) {
      flush = topics.add(copyRow([id, topic])) || flush;
    }
    flush =
      audit.add(
        copyRow([receivedAt.toISOString(), creator.id, creator.email, 'case.created', 'case', id]),
      ) || flush;
    if (flush) {
      await Promise.all(writers.map((w) => w.flush()));
    }
  }
  await Promise.all(writers.map((w) => w.end()));
  for (const [fiscalYear, last] of sequences) {
    await c0.query(
      `INSERT INTO case_number_sequence (fiscal_year, last_value) VALUES ($1, $2)
       ON CONFLICT (fiscal_year) DO UPDATE SET last_value = GREATEST(case_number_sequence.last_value, EXCLUDED.last_value)`,
      [fiscalYear, last],
    );
  }
  return { cases: cases.rows, topics: topics.rows, events: events.rows };
}
