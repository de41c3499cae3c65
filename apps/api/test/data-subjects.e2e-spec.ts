import request from 'supertest';
import yauzl from 'yauzl';
import { PSEUDONYMIZED_MARKER } from '@madoguchi/domain';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/seed';
import { binary } from './support/binary';
import { type TestApp, createTestApp } from './support/test-app';

type Agent = ReturnType<typeof request.agent>;

const PERSON = {
  name: '開示 請求子',
  kana: 'かいじ せいきゅうこ',
  email: 'seikyuko@example.jp',
  phone: '+81355509876',
};

async function signIn(t: TestApp, email: string): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent
    .post('/api/auth/login')
    .send({ email, password: DEMO_PASSWORD })
    .expect(200);
  agent.set('x-csrf-token', (res.body as { csrfToken: string }).csrfToken);
  return agent;
}

/** Each entry of a zip, as text, by name. */
function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error('no zip'));
        return;
      }
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            reject(e ?? new Error('no stream'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

interface SearchResult {
  contacts: { id: string; name: string; email: string | null; phone: string | null }[];
  cases: { id: string; number: string; onLegalHold: boolean }[];
  mails: { id: string }[];
  sessions: unknown[];
  surveys: unknown[];
  auditEvents: { action: string }[];
}

describe('requests from the people in the data (APPI)', () => {
  let t: TestApp;
  let operator: Agent;
  let manager: Agent;
  let contactId: string;
  let caseId: string;
  let heldCaseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction(async (db) => {
      await seedDemoUsers(db);
      const [org] = await db.query<{ id: string }[]>(
        `INSERT INTO organization (name, name_normalized, search_text, prefecture_code, sme, sme_reason)
         VALUES ('株式会社かいじ', 'かいじ', 'かいじ', '13', true, 'test') RETURNING id`,
      );
      const [contact] = await db.query<{ id: string }[]>(
        `INSERT INTO contact (organization_id, name, name_kana, phone, email)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [org!.id, PERSON.name, PERSON.kana, PERSON.phone, PERSON.email],
      );
      contactId = contact!.id;
      const insertCase = `INSERT INTO "case" (number, organization_id, contact_id, desk_id, channel, status, subject,
                                  description, received_at, outcome, outcome_confirmed_on, closed_at)
         VALUES ($1, $2, $3, 'national', 'email', 'closed', $4, $5, now() - interval '30 days', 'adopted',
                 current_date - 20, now() - interval '20 days') RETURNING id`;
      const [c] = await db.query<{ id: string }[]>(insertCase, [
        '2026-800001',
        org!.id,
        contactId,
        `${PERSON.name}様の相談`,
        `${PERSON.email} から`,
      ]);
      caseId = c!.id;
      const [held] = await db.query<{ id: string }[]>(insertCase, [
        '2026-800002',
        org!.id,
        contactId,
        '保全中の相談',
        '保全',
      ]);
      heldCaseId = held!.id;
      await db.query(`INSERT INTO legal_hold (case_id, reason) VALUES ($1, '訴訟対応')`, [
        heldCaseId,
      ]);
      const [mailbox] = await db.query<{ id: string }[]>(
        `INSERT INTO mailbox (desk_id, address, ack_template_ja, ack_template_en)
         VALUES ('national', 'soudan@example.jp', '受付', 'Received') RETURNING id`,
      );
      await db.query(
        `INSERT INTO mail_message (mailbox_id, case_id, direction, message_id, raw, raw_size, from_address,
                                   from_name, to_addresses, subject, body_text)
         VALUES ($1, $2, 'in', '<k1@example.jp>', $3, 3, $4, $5, '{soudan@example.jp}', '相談です', '本文')`,
        [mailbox!.id, caseId, Buffer.from('raw'), PERSON.email, PERSON.name],
      );
      await db.query(
        `INSERT INTO audit_event (actor_email, action, entity_type, entity_id, changes)
         VALUES ('operator@example.jp', 'contact.updated', 'contact', $1, $2)`,
        [contactId, JSON.stringify({ phone: { from: null, to: PERSON.phone } })],
      );
    });
    operator = await signIn(t, 'operator@example.jp');
    manager = await signIn(t, 'manager@example.jp');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds everything about a person by email, phone or name, for national staff only', async () => {
    for (const query of [
      `email=${encodeURIComponent(PERSON.email.toUpperCase())}`,
      `phone=${encodeURIComponent('03-5550-9876')}`,
      `name=${encodeURIComponent('開示　請求子')}`,
      `name=${encodeURIComponent('かいじせいきゅうこ')}`,
    ]) {
      const res = await operator.get(`/api/data-subjects/search?${query}`).expect(200);
      const found = res.body as SearchResult;
      expect([query, found.contacts.map((c) => c.id)]).toEqual([query, [contactId]]);
      expect(found.cases.map((c) => [c.number, c.onLegalHold]).sort()).toEqual([
        ['2026-800001', false],
        ['2026-800002', true],
      ]);
      expect(found.mails).toHaveLength(1);
      expect(found.auditEvents.map((a) => a.action)).toContain('contact.updated');
    }
    const kanto = await signIn(t, 'kanto@example.jp');
    await kanto.get(`/api/data-subjects/search?email=${PERSON.email}`).expect(403);
    await t.http().get(`/api/data-subjects/search?email=${PERSON.email}`).expect(401);
    const [searched] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'data_subject.searched'`,
    );
    expect(searched!.n).toBe(4);
  });

  it('answers 400 naming the field for a search without a key or with a bad one', async () => {
    const none = await operator.get('/api/data-subjects/search').expect(400);
    expect((none.body as { details: { field: string }[] }).details[0]!.field).toBe('email');
    const phone = await operator.get('/api/data-subjects/search?phone=abc').expect(400);
    expect((phone.body as { details: { field: string }[] }).details[0]!.field).toBe('phone');
    const email = await operator.get('/api/data-subjects/search?email=nope').expect(400);
    expect((email.body as { details: { field: string }[] }).details[0]!.field).toBe('email');
  });

  it('records requests with their dates, stamps the answer, flags the overdue', async () => {
    const bad = await operator
      .post('/api/data-subjects/requests')
      .send({ kind: 'disclosure', receivedAt: '2026-12-01T01:00:00Z', dueOn: '2026-12-15' })
      .expect(400);
    expect((bad.body as { details: { field: string }[] }).details[0]!.field).toBe('requesterName');
    const created = await operator
      .post('/api/data-subjects/requests')
      .send({
        kind: 'disclosure',
        requesterName: PERSON.name,
        requesterEmail: PERSON.email,
        receivedAt: '2020-12-01T01:00:00Z',
        dueOn: '2020-12-15',
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({ status: 'received', overdue: true, answeredAt: null });
    const answered = await operator
      .patch(`/api/data-subjects/requests/${id}`)
      .send({ status: 'answered', notes: '郵送で回答' })
      .expect(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      overdue: false,
      notes: '郵送で回答',
    });
    expect((answered.body as { answeredAt: string | null }).answeredAt).not.toBeNull();
    const list = await operator.get('/api/data-subjects/requests').expect(200);
    expect((list.body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([id]);
    await operator.patch(`/api/data-subjects/requests/${id}`).send({ status: 'lost' }).expect(400);
    await operator.get('/api/data-subjects/requests/not-a-uuid').expect(400);
  });

  it('discloses as a zip: the data as JSON and a summary in Japanese', async () => {
    const created = await operator
      .post('/api/data-subjects/requests')
      .send({
        kind: 'disclosure',
        requesterName: PERSON.name,
        requesterPhone: '03-5550-9876',
        receivedAt: new Date().toISOString(),
        dueOn: '2099-01-01',
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const res = await binary(operator.get(`/api/data-subjects/requests/${id}/disclosure`)).expect(
      200,
    );
    expect(res.headers['content-type']).toBe('application/zip');
    const files = await unzip(res.body as Buffer);
    expect([...files.keys()].sort()).toEqual(['data.json', 'summary.html']);
    const data = JSON.parse(files.get('data.json')!) as { result: SearchResult };
    expect(data.result.contacts[0]!.email).toBe(PERSON.email);
    expect(data.result.cases).toHaveLength(2);
    const html = files.get('summary.html')!;
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('保有個人データの開示');
    expect(html).toContain(PERSON.name);
    expect(html).toContain('2026-800001');
    const [audited] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'data_subject_request.disclosed' AND entity_id = $1`,
      [id],
    );
    expect(audited!.n).toBe(1);
  });

  it('erases the person now: contact and case text gone, counts kept, the held case left as it is', async () => {
    const caseload = async (): Promise<unknown> => {
      const { dataAsOf: _at, ...figures } = (
        await manager
          .get('/api/reports/caseload?from=2020-04-01&to=2030-03-31&groupBy=desk')
          .expect(200)
      ).body as Record<string, unknown>;
      return figures;
    };
    const before = await caseload();
    const disclosure = await operator
      .post('/api/data-subjects/requests')
      .send({
        kind: 'disclosure',
        requesterName: 'x',
        receivedAt: new Date().toISOString(),
        dueOn: '2099-01-01',
      })
      .expect(201);
    const refused = await manager
      .post(`/api/data-subjects/requests/${(disclosure.body as { id: string }).id}/erase`)
      .send({ contactIds: [contactId], reason: '本人の請求' })
      .expect(400);
    expect((refused.body as { details: { field: string }[] }).details[0]!.field).toBe('contactIds');

    const erasure = await operator
      .post('/api/data-subjects/requests')
      .send({
        kind: 'erasure',
        requesterName: PERSON.name,
        requesterEmail: PERSON.email,
        receivedAt: new Date().toISOString(),
        dueOn: '2099-01-01',
      })
      .expect(201);
    const id = (erasure.body as { id: string }).id;
    expect((erasure.body as { erasedAt: string | null }).erasedAt).toBeNull();
    await operator
      .post(`/api/data-subjects/requests/${id}/erase`)
      .send({ contactIds: [contactId], reason: '本人の請求' })
      .expect(403);
    const erased = await manager
      .post(`/api/data-subjects/requests/${id}/erase`)
      .send({ contactIds: [contactId], reason: '本人の請求' })
      .expect(200);
    // The contact of a held case stays with it.
    expect(erased.body).toMatchObject({ heldCaseIds: [heldCaseId] });
    expect((erased.body as { counts: Record<string, number> }).counts).toMatchObject({
      cases: 1,
      mailMessages: 1,
      contacts: 0,
    });
    const [c] = await t.db.query<{ subject: string; description: string }[]>(
      `SELECT subject, description FROM "case" WHERE id = $1`,
      [caseId],
    );
    expect(c).toEqual({ subject: PSEUDONYMIZED_MARKER, description: PSEUDONYMIZED_MARKER });
    const [held] = await t.db.query<{ subject: string }[]>(
      `SELECT subject FROM "case" WHERE id = $1`,
      [heldCaseId],
    );
    expect(held!.subject).toBe('保全中の相談');
    expect(await caseload()).toEqual(before);
    // The request shows when it was acted on, read back from the audit trail.
    const recorded = await operator.get(`/api/data-subjects/requests/${id}`).expect(200);
    expect((recorded.body as { erasedAt: string | null }).erasedAt).not.toBeNull();

    // With the hold released, a second erasure takes the contact too.
    await t.db.query(
      `UPDATE legal_hold SET released_at = now(), release_reason = '終結' WHERE case_id = $1`,
      [heldCaseId],
    );
    const again = await manager
      .post(`/api/data-subjects/requests/${id}/erase`)
      .send({ contactIds: [contactId], reason: '本人の請求' })
      .expect(200);
    expect((again.body as { counts: Record<string, number> }).counts).toMatchObject({
      contacts: 1,
      cases: 1,
    });
    const [audit] = await t.db.query<{ changes: unknown }[]>(
      `SELECT changes FROM audit_event WHERE action = 'contact.updated' AND entity_id = $1`,
      [contactId],
    );
    expect(audit!.changes).toEqual({ phone: { from: null, to: PSEUDONYMIZED_MARKER } });
    const after = await operator.get(`/api/data-subjects/search?email=${PERSON.email}`).expect(200);
    expect((after.body as SearchResult).contacts).toEqual([]);
    expect(await caseload()).toEqual(before);
    const runs = await t.db.query<{ trigger: string; reason: string }[]>(
      `SELECT trigger, reason FROM pseudonymization_run ORDER BY id`,
    );
    expect(runs).toEqual([
      { trigger: 'erasure', reason: '本人の請求' },
      { trigger: 'erasure', reason: '本人の請求' },
    ]);
  });
});
