import {
  fiscalYearOf,
  formatCaseNumber,
  formatJapanesePhone,
  normalizeForSearch,
  normalizeJapanesePhone,
} from '@madoguchi/domain';
import { createHash } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { derivedFields, normalizeQuery } from '../src/modules/organizations/organization-search';

/**
 * The baseline: bare Fastify and pg running the same SQL statements as the API's services, with
 * the same parameters, for the four benchmarked operations. No Nest, no TypeORM, no validation,
 * no authentication (the acting user is fixed). The gap between it and the API is framework cost;
 * what it cannot do within a target, no framework tuning will fix.
 *
 * Keep in step with: cases.service.ts (intake, get, timeline), case-list.service.ts (list),
 * organizations.service.ts and contacts.service.ts (search, insert, find).
 */

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
};

const actor = { userId: env('BENCH_USER_ID'), email: env('BENCH_USER_EMAIL'), deskId: 'national' };
const pool = new Pool({
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

const CASE_COLUMNS = `c.*, to_char(c.outcome_confirmed_on, 'YYYY-MM-DD') AS outcome_confirmed_on,
  ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics`;

// What TypeORM selects for OrganizationEntity (findOneBy and the IN-list load).
const ORGANIZATION_COLUMNS = `o.id, o.name, o.name_kana, o.corporate_number, o.prefecture_code, o.address,
  o.industry_code, o.sme_sector, o.employees, o.capital_yen, o.telework_status, o.chamber_member, o.phone,
  o.notes, o.sme, o.sme_reason, o.merged_into, o.version, o.created_at, o.updated_at`;

interface Row {
  [key: string]: unknown;
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

function organizationDto(o: Row) {
  return {
    id: o.id,
    name: o.name,
    nameKana: o.name_kana,
    corporateNumber: o.corporate_number,
    prefectureCode: o.prefecture_code,
    industryCode: o.industry_code,
    smeSector: o.sme_sector,
    employees: o.employees,
    capitalYen: o.capital_yen === null ? null : Number(o.capital_yen),
    address: o.address,
    sme: o.sme,
    smeReason: o.sme_reason,
    teleworkStatus: o.telework_status,
    chamberMember: o.chamber_member,
    phone: typeof o.phone === 'string' ? formatJapanesePhone(o.phone) : null,
    notes: o.notes,
    sessionAllowance: { limit: 3, used: 0, remaining: 3 },
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
    version: c.version,
  };
}

async function findOrganization(db: Db, id: string): Promise<Row> {
  const [o] = await rows<Row>(
    db,
    `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = $1 LIMIT 1`,
    [id],
  );
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

class NotFound extends Error {}

interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  changes?: unknown;
  meta?: unknown;
}

async function audit(db: Db, request: FastifyRequest, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_event (actor_id, actor_email, action, entity_type, entity_id, ip, request_id, changes, meta)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.userId,
      actor.email,
      event.action,
      event.entityType,
      event.entityId,
      request.ip,
      request.id,
      event.changes ? JSON.stringify(event.changes) : null,
      event.meta ? JSON.stringify(event.meta) : null,
    ],
  );
}

async function loadCase(db: Db, id: string) {
  const [row] = await rows<Row>(db, `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1`, [id]);
  if (!row) {
    throw new NotFound();
  }
  const organization = organizationDto(await findOrganization(db, row.organization_id as string));
  const contact =
    typeof row.contact_id === 'string' ? contactDto(await findContact(db, row.contact_id)) : null;
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
  const [row] = await rows<Row>(
    db,
    `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1 AND TRUE`,
    [id],
  );
  if (!row) {
    throw new NotFound();
  }
  return row;
}

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

async function insertOrganization(
  db: Db,
  request: FastifyRequest,
  dto: IntakeBody['organization'],
): Promise<Row> {
  const phone = str(dto.phone) ? normalizeJapanesePhone(str(dto.phone)!) : null;
  const row = {
    name: dto.name!,
    nameKana: str(dto.nameKana),
    corporateNumber: str(dto.corporateNumber),
    industryCode: str(dto.industryCode),
    smeSector: str(dto.smeSector),
    employees: num(dto.employees),
    capitalYen: num(dto.capitalYen),
  };
  const derived = derivedFields({ ...row, phones: [phone] });
  const [inserted] = await rows<{ id: string }>(
    db,
    `INSERT INTO organization (name, name_kana, corporate_number, prefecture_code, address, industry_code,
       sme_sector, employees, capital_yen, telework_status, chamber_member, phone, notes, sme, sme_reason,
       name_normalized, search_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
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
    ],
  );
  const changes = Object.fromEntries(
    Object.entries({ ...row, phone })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, { to: value }]),
  );
  await audit(db, request, {
    action: 'organization.created',
    entityType: 'organization',
    entityId: inserted!.id,
    changes,
  });
  return findOrganization(db, inserted!.id);
}

async function insertContact(
  db: Db,
  request: FastifyRequest,
  organizationId: string,
  dto: NonNullable<IntakeBody['contact']>,
): Promise<Row> {
  await findOrganization(db, organizationId);
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
  if (phone) {
    // OrganizationsService.refreshSearchText
    const o = await findOrganization(db, organizationId);
    const phones = await rows<{ phone: string }>(
      db,
      `SELECT phone FROM contact WHERE organization_id = $1 AND phone IS NOT NULL`,
      [organizationId],
    );
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
    await db.query(`UPDATE organization SET search_text = $2 WHERE id = $1`, [
      organizationId,
      derived.searchText,
    ]);
  }
  await audit(db, request, {
    action: 'contact.created',
    entityType: 'contact',
    entityId: row!.id as string,
    meta: { organizationId },
  });
  return row!;
}

async function intake(request: FastifyRequest, dto: IntakeBody, key: string | undefined) {
  const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
  const db = await pool.connect();
  let id: string;
  try {
    await db.query('START TRANSACTION');
    if (key) {
      await db.query(
        `INSERT INTO idempotency_key (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [actor.userId, key, requestHash],
      );
    }
    const organizationId = dto.organization.id
      ? ((await findOrganization(db, dto.organization.id)).id as string)
      : ((await insertOrganization(db, request, dto.organization)).id as string);
    let contactId: string | null = null;
    if (dto.contact?.id) {
      contactId = (await findContact(db, dto.contact.id)).id as string;
    } else if (dto.contact) {
      contactId = (await insertContact(db, request, organizationId, dto.contact)).id as string;
    }
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    const answered = ['phone', 'walk_in', 'seminar'].includes(dto.channel);
    const fiscalYear = fiscalYearOf(receivedAt);
    const [sequence] = await rows<{ last_value: number }>(
      db,
      `INSERT INTO case_number_sequence (fiscal_year, last_value) VALUES ($1, 1)
       ON CONFLICT (fiscal_year) DO UPDATE SET last_value = case_number_sequence.last_value + 1
       RETURNING last_value`,
      [fiscalYear],
    );
    const [created] = await rows<{ id: string }>(
      db,
      `INSERT INTO "case" (number, organization_id, contact_id, desk_id, assignee_id, channel, status, subject,
         description, received_at, call_direction, call_duration_seconds, first_responded_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        formatCaseNumber(fiscalYear, sequence!.last_value),
        organizationId,
        contactId,
        actor.deskId,
        actor.userId,
        dto.channel,
        dto.subject,
        dto.description ?? '',
        receivedAt,
        dto.callDirection ?? null,
        dto.callDurationSeconds ?? null,
        answered ? receivedAt : null,
        actor.userId,
      ],
    );
    id = created!.id;
    await db.query(`INSERT INTO case_topic (case_id, topic_code) SELECT $1, unnest($2::text[])`, [
      id,
      dto.topics,
    ]);
    await db.query(
      `INSERT INTO case_event (case_id, kind, actor_id, body, data) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        id,
        'created',
        actor.userId,
        dto.description ?? '',
        JSON.stringify({
          channel: dto.channel,
          topics: dto.topics,
          ...(dto.callDurationSeconds !== undefined
            ? { callDurationSeconds: dto.callDurationSeconds }
            : {}),
        }),
      ],
    );
    await audit(db, request, { action: 'case.created', entityType: 'case', entityId: id });
    if (key) {
      await db.query(
        `UPDATE idempotency_key SET resource_id = $3 WHERE user_id = $1 AND key = $2`,
        [actor.userId, key, id],
      );
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    db.release();
  }
  return loadCase(pool, id);
}

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
  if (query.status) {
    add((p) => `c.status = ANY(${p}::text[])`, query.status.split(','));
  }
  if (query.deskId) {
    add((p) => `c.desk_id = ${p}`, query.deskId);
  }
  if (query.channel) {
    add((p) => `c.channel = ${p}`, query.channel);
  }
  if (query.q?.trim()) {
    const raw = query.q.trim();
    params.push(raw, `%${escapeLike(raw)}%`, `%${escapeLike(normalizeForSearch(raw))}%`);
    const [exact, like, normalized] = [params.length - 2, params.length - 1, params.length].map(
      (n) => `$${n}`,
    );
    where.push(
      `(c.number = ${exact} OR c.subject ILIKE ${like} OR c.description ILIKE ${like} OR o.search_text LIKE ${normalized})`,
    );
  }
  const limit = Number(query.limit ?? 50);
  params.push(limit + 1);
  const found = await rows<Row>(
    pool,
    `SELECT c.id, c.number, c.status, c.channel, c.desk_id, c.assignee_id, c.subject, c.received_at,
            c.organization_id, o.name AS organization_name, o.prefecture_code, c.first_response_due_at, c.version,
            ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics
       FROM "case" c JOIN organization o ON o.id = c.organization_id
      WHERE ${where.join(' AND ')}
      ORDER BY c.received_at DESC, c.id DESC
      LIMIT $${params.length}`,
    params,
  );
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
      version: r.version,
    })),
    nextCursor:
      found.length > limit && last
        ? Buffer.from(`${iso(last.received_at)}|${String(last.id)}`).toString('base64url')
        : null,
  };
}

/** OrganizationsService.search with a query (the typeahead). */
async function searchOrganizations(query: { q?: string; limit?: string }) {
  const limit = Number(query.limit ?? 20);
  const q = query.q ? normalizeQuery(query.q) : '';
  const params: unknown[] = [q, limit, escapeLike(q)];
  const where =
    [...q].length >= 2
      ? `o.search_bigrams @> text_bigrams($1) AND o.search_text LIKE '%' || $3 || '%'`
      : `o.search_text LIKE $3 || '%'`;
  const ids = await rows<{ id: string }>(
    pool,
    `SELECT o.id FROM organization o
      WHERE o.merged_into IS NULL AND ${where}
      ORDER BY (o.search_text LIKE $3 || '%') DESC, length(o.name), o.name, o.id
      LIMIT $2`,
    params,
  );
  if (ids.length === 0) {
    return { items: [], nextCursor: null };
  }
  const found = await rows<Row>(
    pool,
    `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
    ids.map((r) => r.id),
  );
  const byId = new Map(found.map((o) => [o.id, o]));
  return {
    items: ids.flatMap((r) => {
      const o = byId.get(r.id);
      return o ? [organizationDto(o)] : [];
    }),
    nextCursor: null,
  };
}

async function timeline(id: string) {
  await findScoped(pool, id);
  const events = await rows<Row>(
    pool,
    `SELECT e.id, e.kind, e.at, e.actor_id, u.display_name AS actor_name, e.body, e.data
       FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE e.case_id = $1 AND ($2::bigint IS NULL OR e.id = $2::bigint)
      ORDER BY e.id`,
    [id, null],
  );
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
    return loadCase(pool, request.params.id);
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
