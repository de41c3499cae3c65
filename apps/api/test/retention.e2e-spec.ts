import type ExcelJS from 'exceljs';
import request from 'supertest';
import { PSEUDONYMIZED_MARKER } from '@madoguchi/domain';
import { seedDemoCases } from '../src/seed/demo-data';
import { seedDemoSessions } from '../src/seed/demo-sessions';
import { seedDemoSurvey } from '../src/seed/demo-survey';
import { seedDemoWorkload } from '../src/seed/demo-workload';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/seed';
import { PseudonymizationService } from '../src/modules/stewardship/pseudonymization.service';
import { binary, readWorkbook } from './support/binary';
import { type TestApp, createTestApp } from './support/test-app';

/** The demo's world as it was in June 2019: its closed cases are far past a five-year term now. */
const SEEDED_AS_OF = new Date('2019-06-14T03:00:00Z');
const RANGE = 'from=2015-04-01&to=2030-03-31';

/** The person whose data must be gone, and the one on legal hold whose data must stay. */
const GONE = {
  name: '仮名 消太郎',
  kana: 'かめい しょうたろう',
  email: 'shotaro.kamei@example.jp',
  phone: '+81355501234',
  words: '消太郎さんの自宅の事情',
};
const HELD = { name: '保全 花子', email: 'hanako.hozen@example.jp', subject: '保全中の相談' };

type Agent = ReturnType<typeof request.agent>;

async function signIn(t: TestApp, email: string): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent
    .post('/api/auth/login')
    .send({ email, password: DEMO_PASSWORD })
    .expect(200);
  const csrf = (res.body as { csrfToken?: string }).csrfToken;
  if (csrf) {
    agent.set('x-csrf-token', csrf);
  }
  return agent;
}

/** Every cell of every sheet, as text. */
function cells(workbook: ExcelJS.Workbook): string[][] {
  return workbook.worksheets.map((sheet) => {
    const out: string[] = [sheet.name];
    // The instant the figures were read (速報値 …時点, 集計日時) is not a figure: two reads a
    // minute apart must still compare equal.
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) =>
        out.push(
          `${r}:${c}=${cell.text.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?= \(?JST)/g, '<read at>')}`,
        ),
      ),
    );
    return out;
  });
}

/** Every report a manager reads over the whole demo period, as JSON (and the workbook's cells). */
async function reportAnswers(manager: Agent): Promise<Record<string, unknown>> {
  const paths = [
    `/api/reports/caseload?${RANGE}&groupBy=month,channel`,
    `/api/reports/caseload?${RANGE}&groupBy=desk`,
    `/api/reports/caseload?${RANGE}&groupBy=topic`,
    '/api/reports/backlog?groupBy=desk',
    `/api/reports/sla?${RANGE}`,
    `/api/reports/sessions?${RANGE}`,
    `/api/reports/outcomes?${RANGE}`,
    `/api/reports/referrals?${RANGE}`,
    `/api/reports/funnel?${RANGE}`,
    `/api/reports/surveys?${RANGE}`,
    '/api/reports/targets',
  ];
  const answers: Record<string, unknown> = {};
  for (const path of paths) {
    const { dataAsOf: _readAt, ...figures } = (await manager.get(path).expect(200)).body as Record<
      string,
      unknown
    >;
    answers[path] = figures;
  }
  for (const period of ['FY2018', 'FY2019']) {
    const res = await binary(manager.get(`/api/reports/results.xlsx?period=${period}`)).expect(200);
    answers[`results.xlsx ${period}`] = cells(await readWorkbook(res.body as Buffer));
  }
  return answers;
}

/** Rows of every table of the schema whose text contains the needle. */
async function rowsContaining(t: TestApp, needle: string): Promise<Record<string, number>> {
  const tables = await t.db.query<{ name: string }[]>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${name}" t WHERE position($1 IN t::text) > 0`,
      [needle],
    );
    if (row!.n > 0) {
      found[name] = row!.n;
    }
  }
  return found;
}

describe('retention and pseudonymization', () => {
  let t: TestApp;
  let admin: Agent;
  let manager: Agent;
  let goneCaseId: string;
  let heldCaseId: string;
  let heldOrganizationCaseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction(async (db) => {
      await seedDemoUsers(db);
      await seedDemoCases(db, SEEDED_AS_OF);
      await seedDemoSessions(db, SEEDED_AS_OF);
      await seedDemoWorkload(db, SEEDED_AS_OF);
      await seedDemoSurvey(db, t.settings.appSecret, SEEDED_AS_OF);
      // The person: a contact, a closed case of theirs with a note, a follow-up, a mail with an
      // attachment, and a survey answer in their words.
      const [org] = await db.query<{ id: string }[]>(
        `INSERT INTO organization (name, name_normalized, search_text, prefecture_code, sme, sme_reason)
         VALUES ('株式会社かめい商店', 'かめい商店', 'かめい商店', '13', true, 'test') RETURNING id`,
      );
      const [contact] = await db.query<{ id: string }[]>(
        `INSERT INTO contact (organization_id, name, name_kana, phone, email, title)
         VALUES ($1, $2, $3, $4, $5, '代表') RETURNING id`,
        [org!.id, GONE.name, GONE.kana, GONE.phone, GONE.email],
      );
      const [gone] = await db.query<{ id: string }[]>(
        `INSERT INTO "case" (number, organization_id, contact_id, desk_id, channel, status, subject, description,
                             received_at, outcome, outcome_confirmed_on, closed_at)
         VALUES ('2018-900001', $1, $2, 'national', 'email', 'closed', $3, $4,
                 '2018-10-01T01:00:00Z', 'adopted', '2018-11-01', '2018-11-01T01:00:00Z') RETURNING id`,
        [
          org!.id,
          contact!.id,
          `${GONE.name}様のテレワーク相談`,
          `${GONE.words}。連絡は ${GONE.email} へ`,
        ],
      );
      goneCaseId = gone!.id;
      await db.query(`INSERT INTO case_topic (case_id, topic_code) VALUES ($1, 'LAB.RULES')`, [
        goneCaseId,
      ]);
      await db.query(
        `INSERT INTO case_event (case_id, kind, at, body, data) VALUES
           ($1, 'note', '2018-10-02T01:00:00Z', $2, '{}'),
           ($1, 'status_changed', '2018-11-01T01:00:00Z', '', '{"from": "resolved", "to": "closed"}')`,
        [goneCaseId, `${GONE.name}さんから電話 ${GONE.phone}`],
      );
      await db.query(
        `INSERT INTO follow_up (case_id, desk_id, kind, due_on, note, status, result_note, completed_at)
         VALUES ($1, 'national', 'manual', '2018-12-01', $2, 'done', $3, '2018-12-01T01:00:00Z')`,
        [goneCaseId, `${GONE.name}さんに確認`, GONE.words],
      );
      const [mailbox] = await db.query<{ id: string }[]>(
        `INSERT INTO mailbox (desk_id, address, ack_template_ja, ack_template_en)
         VALUES ('national', 'soudan@example.jp', '受付', 'Received') RETURNING id`,
      );
      const [message] = await db.query<{ id: string }[]>(
        `INSERT INTO mail_message (mailbox_id, case_id, direction, message_id, raw, raw_size, from_address, from_name,
                                   to_addresses, subject, body_text, received_at)
         VALUES ($1, $2, 'in', '<m1@example.jp>', $3, 10, $4, $5, '{soudan@example.jp}', '相談', $6, '2018-10-01T01:00:00Z')
         RETURNING id`,
        [
          mailbox!.id,
          goneCaseId,
          Buffer.from(`From: ${GONE.email}`),
          GONE.email,
          GONE.name,
          GONE.words,
        ],
      );
      await db.query(
        `INSERT INTO mail_attachment (mail_message_id, mailbox_id, position, filename, declared_type, sniffed_type, size, status, content)
         VALUES ($1, $2, 0, '就業規則.pdf', 'application/pdf', 'application/pdf', 3, 'stored', $3)`,
        [message!.id, mailbox!.id, Buffer.from('%PD')],
      );
      // A closed case on legal hold, with its own contact; and a demo organization on hold.
      const [heldContact] = await db.query<{ id: string }[]>(
        `INSERT INTO contact (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`,
        [org!.id, HELD.name, HELD.email],
      );
      const [held] = await db.query<{ id: string }[]>(
        `INSERT INTO "case" (number, organization_id, contact_id, desk_id, channel, status, subject, description,
                             received_at, outcome, outcome_confirmed_on, closed_at)
         VALUES ('2018-900002', $1, $2, 'national', 'phone', 'closed', $3, '保全の説明',
                 '2018-10-03T01:00:00Z', 'planned', '2018-11-02', '2018-11-02T01:00:00Z') RETURNING id`,
        [org!.id, heldContact!.id, HELD.subject],
      );
      heldCaseId = held!.id;
    });
    const [demoClosed] = await t.db.query<{ id: string; organization_id: string }[]>(
      `SELECT id, organization_id FROM "case" WHERE status = 'closed' AND number NOT LIKE '2018-9%'
        ORDER BY closed_at, id LIMIT 1`,
    );
    heldOrganizationCaseId = demoClosed!.id;
    admin = await signIn(t, 'admin@example.jp');
    manager = await signIn(t, 'manager@example.jp');
    await manager
      .post('/api/legal-holds')
      .send({ targetType: 'case', targetId: heldCaseId, reason: '訴訟対応' })
      .expect(201);
    await manager
      .post('/api/legal-holds')
      .send({
        targetType: 'organization',
        targetId: demoClosed!.organization_id,
        reason: '監査対応',
      })
      .expect(201);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('shows the default policy to admins only: five fiscal years for every class', async () => {
    const res = await admin.get('/api/retention').expect(200);
    const body = res.body as {
      policy: { dataClass: string; fiscalYears: number }[];
      lastRun: unknown;
    };
    expect(body.policy.map((p) => [p.dataClass, p.fiscalYears])).toEqual([
      ['audit_events', 5],
      ['case_text', 5],
      ['contacts', 5],
      ['raw_mail', 5],
      ['sign_in_records', 5],
    ]);
    expect(body.lastRun).toBeNull();
    await manager.get('/api/retention').expect(403);
    await manager
      .put('/api/retention')
      .send({ terms: [{ dataClass: 'contacts', fiscalYears: 3 }] })
      .expect(403);
  });

  it('refuses a bad term naming the field, and audits a change', async () => {
    const bad = await admin
      .put('/api/retention')
      .send({ terms: [{ dataClass: 'contacts', fiscalYears: 0 }] })
      .expect(400);
    expect((bad.body as { details: { field: string }[] }).details[0]!.field).toBe(
      'terms.0.fiscalYears',
    );
    await admin
      .put('/api/retention')
      .send({ terms: [{ dataClass: 'nope', fiscalYears: 3 }] })
      .expect(400);
    const changed = await admin
      .put('/api/retention')
      .send({ terms: [{ dataClass: 'sign_in_records', fiscalYears: 2 }] })
      .expect(200);
    expect(
      (changed.body as { policy: { dataClass: string; fiscalYears: number }[] }).policy.find(
        (p) => p.dataClass === 'sign_in_records',
      )!.fiscalYears,
    ).toBe(2);
    const [audit] = await t.db.query<{ changes: unknown }[]>(
      `SELECT changes FROM audit_event WHERE action = 'retention.policy_changed' AND entity_id = 'sign_in_records'`,
    );
    expect(audit!.changes).toEqual({ fiscalYears: { from: 5, to: 2 } });
    await admin
      .put('/api/retention')
      .send({ terms: [{ dataClass: 'sign_in_records', fiscalYears: 5 }] })
      .expect(200);
  });

  it('places and releases legal holds, audited; a second hold on the same case is a 409', async () => {
    const again = await manager
      .post('/api/legal-holds')
      .send({ targetType: 'case', targetId: heldCaseId, reason: '二重' })
      .expect(409);
    expect((again.body as { code: string }).code).toBe('LEGAL_HOLD_EXISTS');
    await manager
      .post('/api/legal-holds')
      .send({ targetType: 'case', targetId: '00000000-0000-4000-8000-000000000000', reason: 'x' })
      .expect(400);
    await manager
      .post('/api/legal-holds')
      .send({ targetType: 'case', targetId: heldCaseId })
      .expect(400);
    // A hold placed and released again: the case is no longer held.
    const placed = await manager
      .post('/api/legal-holds')
      .send({ targetType: 'case', targetId: goneCaseId, reason: '一時的な保全' })
      .expect(201);
    const holdId = (placed.body as { id: string }).id;
    const released = await manager
      .post(`/api/legal-holds/${holdId}/release`)
      .send({ reason: '解除' })
      .expect(200);
    expect((released.body as { releasedAt: string | null }).releasedAt).not.toBeNull();
    await manager.post(`/api/legal-holds/${holdId}/release`).send({ reason: '解除' }).expect(404);
    const actions = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [goneCaseId],
    );
    expect(actions.map((a) => a.action)).toEqual(['legal_hold.placed', 'legal_hold.released']);
    const list = await manager.get(`/api/legal-holds?caseId=${goneCaseId}`).expect(200);
    expect((list.body as { items: unknown[] }).items).toHaveLength(1);
    // Who placed and who released it, by name, for the console to show beside the reason.
    const [listed] = (list.body as { items: { setByName: string; releasedByName: string }[] })
      .items;
    const [me] = await t.db.query<{ display_name: string }[]>(
      `SELECT display_name FROM app_user WHERE email = 'manager@example.jp'`,
    );
    expect([listed!.setByName, listed!.releasedByName]).toEqual([
      me!.display_name,
      me!.display_name,
    ]);
    expect((placed.body as { setByName: string }).setByName).toBe(me!.display_name);
    await t.http().get('/api/legal-holds').expect(401);
  });

  it('a dry run lists what the next run will touch, touching nothing', async () => {
    const res = await admin.post('/api/retention/dry-run').expect(200);
    const run = res.body as {
      dryRun: boolean;
      counts: Record<string, number>;
      caseIdsSample: string[];
    };
    expect(run.dryRun).toBe(true);
    expect(run.counts['cases']).toBeGreaterThan(10);
    expect(run.counts['contacts']).toBeGreaterThan(0);
    expect(run.counts['mailMessages']).toBe(1);
    expect(run.counts['mailAttachments']).toBe(1);
    expect(run.caseIdsSample.length).toBeGreaterThan(0);
    expect(run.caseIdsSample).not.toContain(heldCaseId);
    const sampled = await t.db.query<{ status: string; closed_at: Date }[]>(
      `SELECT status, closed_at FROM "case" WHERE id = ANY($1::uuid[])`,
      [run.caseIdsSample],
    );
    expect(
      sampled.every((c) => c.status === 'closed' && c.closed_at < new Date('2021-04-01')),
    ).toBe(true);
    const [c] = await t.db.query<{ subject: string }[]>(
      `SELECT subject FROM "case" WHERE id = $1`,
      [goneCaseId],
    );
    expect(c!.subject).toContain(GONE.name);
    const overview = await admin.get('/api/retention').expect(200);
    expect((overview.body as { lastDryRun: { counts: unknown } }).lastDryRun.counts).toEqual(
      run.counts,
    );
  });

  it('pseudonymizes what passed its term: every report answers exactly as before, the person is gone, holds are untouched', async () => {
    const before = await reportAnswers(manager);
    // The comparison means something only when the reports are full.
    const byDesk = before[`/api/reports/caseload?${RANGE}&groupBy=desk`] as {
      total?: number;
      rows?: unknown[];
    };
    expect(JSON.stringify(byDesk)).not.toBe('{}');
    const [heldBefore] = await t.db.query<{ subject: string; description: string }[]>(
      `SELECT subject, description FROM "case" WHERE id = $1`,
      [heldOrganizationCaseId],
    );

    const run = await t.app.get(PseudonymizationService).run('admin', null);
    expect(run.error).toBeNull();
    const counts = run.counts as Record<string, number>;
    expect(counts['cases']).toBeGreaterThan(10);
    expect(counts['contacts']).toBeGreaterThan(0);
    expect(counts['mailMessages']).toBe(1);
    expect(counts['mailAttachments']).toBe(1);

    expect(await reportAnswers(manager)).toEqual(before);

    for (const needle of [
      GONE.name,
      GONE.kana,
      GONE.email,
      GONE.phone.slice(3),
      GONE.words,
      '消太郎',
    ]) {
      expect([needle, await rowsContaining(t, needle)]).toEqual([needle, {}]);
    }
    const [gone] = await t.db.query<
      { subject: string; description: string; pseudonymized_at: Date | null }[]
    >(`SELECT subject, description, pseudonymized_at FROM "case" WHERE id = $1`, [goneCaseId]);
    expect(gone).toEqual({
      subject: PSEUDONYMIZED_MARKER,
      description: PSEUDONYMIZED_MARKER,
      pseudonymized_at: expect.any(Date),
    });
    // Ids, kinds, times and codes stay.
    const events = await t.db.query<{ kind: string; body: string; data: unknown }[]>(
      `SELECT kind, body, data FROM case_event WHERE case_id = $1 ORDER BY id`,
      [goneCaseId],
    );
    expect(events).toEqual([
      { kind: 'note', body: PSEUDONYMIZED_MARKER, data: {} },
      { kind: 'status_changed', body: '', data: { from: 'resolved', to: 'closed' } },
    ]);
    const [mail] = await t.db.query<{ raw: Buffer; attachments: number }[]>(
      `SELECT raw, (SELECT count(*)::int FROM mail_attachment) AS attachments FROM mail_message`,
    );
    expect(mail!.raw.length).toBe(0);
    expect(mail!.attachments).toBe(0);

    // Held: the case on hold, its contact, and every case of the organization on hold.
    expect(await rowsContaining(t, HELD.email)).toMatchObject({ contact: 1 });
    const [held] = await t.db.query<{ subject: string; pseudonymized_at: Date | null }[]>(
      `SELECT subject, pseudonymized_at FROM "case" WHERE id = $1`,
      [heldCaseId],
    );
    expect(held).toEqual({ subject: HELD.subject, pseudonymized_at: null });
    const [heldOrg] = await t.db.query<{ subject: string; description: string }[]>(
      `SELECT subject, description FROM "case" WHERE id = $1`,
      [heldOrganizationCaseId],
    );
    expect(heldOrg).toEqual(heldBefore);

    // A second run finds nothing left; both are recorded.
    const second = await t.app.get(PseudonymizationService).run('admin', null);
    expect((second.counts as Record<string, number>)['cases'] ?? 0).toBe(0);
    const runs = await admin.get('/api/retention/runs').expect(200);
    expect((runs.body as { items: { dryRun: boolean }[] }).items.map((r) => r.dryRun)).toEqual([
      false,
      false,
      true,
    ]);
  }, 180_000);

  it('keeps the timeline and the audit trail append-only for the API role, even with the flag set', async () => {
    // The flag only opens the owner's triggers; the API's role has no UPDATE to begin with.
    for (const sql of [
      `UPDATE case_event SET body = 'x' WHERE case_id = '${heldCaseId}'`,
      `UPDATE audit_event SET ip = NULL`,
    ]) {
      await expect(
        t.db.transaction(async (db) => {
          await db.query(`SELECT set_config('madoguchi.pseudonymizing', 'on', true)`);
          await db.query(sql);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });
});
