import { tokyoDate } from '@madoguchi/domain';
import type { Principal } from '../src/common/auth/principal';
import { BacklogService } from '../src/modules/reports/backlog.service';
import { CaseloadService } from '../src/modules/reports/caseload.service';
import { CASELOAD_DIMENSIONS } from '../src/modules/reports/dimensions';
import type { ReportFiltersDto } from '../src/modules/reports/dto/report-filters.dto';
import { OutcomesService } from '../src/modules/reports/outcomes.service';
import { RollupMaintenanceService } from '../src/modules/reports/rollup-maintenance.service';
import type { ReportSource } from '../src/modules/reports/rollup-filter';
import { SessionsReportService } from '../src/modules/reports/sessions-report.service';
import { makeExpert } from './support/experts';
import { recordStatements } from './support/statements';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import { adminQuery, asOwner } from './support/test-database';

const principal = (role: 'manager' | 'admin', deskId: string | null): Principal => ({
  userId: '00000000-0000-4000-8000-000000000000',
  email: `${role}-${deskId ?? 'all'}@example.jp`,
  displayName: role,
  role,
  deskId,
  mustChangePassword: false,
  totpEnabled: false,
  via: 'session',
});

const PRINCIPALS = [
  principal('manager', 'national'),
  principal('manager', 'kanto'),
  principal('admin', null),
];

// Whole fiscal years and quarters (the month roll-ups), odd day ranges (the day roll-ups, or the
// base tables where a month roll-up cannot answer), the desk and channel filters the roll-ups
// carry, and the organization and topic filters they leave to the base tables.
const FILTERS: ReportFiltersDto[] = [
  {},
  { from: '2025-04-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2025-06-15', to: '2026-05-03' },
  { from: '2025-04-01', to: '2026-03-31', deskId: 'kanto' },
  { from: '2024-04-01', to: '2026-03-31' },
  { from: '2025-04-01', to: '2027-03-31', channel: 'email' },
  { to: '2025-12-31', deskId: 'national', channel: 'phone' },
  { from: '2025-04-01', to: '2026-03-31', prefectureCode: '13' },
  { industryCode: 'I', sme: 'true' },
  { topic: 'LAB' },
];

const DESKS = ['national', 'kanto', 'kinki', 'tohoku'];
const CHANNELS = ['phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral'];
const PREFECTURES = ['01', '04', '13', '14', '27', '47', null];
const INDUSTRIES = ['D', 'E', 'G', 'I', 'M', 'R', null];
const TOPICS = ['LAB.TIME', 'LAB.COST', 'LAB.RULES', 'ICT.SEC', 'ICT.NET', 'ICT.COLLAB'];

/**
 * The report roll-ups (migration ReportRollups) against direct counts from the base tables:
 * a few hundred cases across every dimension, changed in every way the application changes
 * them (and a few it does not, straight in SQL), then every report through both paths.
 */
describe('report roll-ups agree with direct counts', () => {
  let t: TestApp;
  let operator: SignedIn;
  let caseload: CaseloadService;
  let backlog: BacklogService;
  let sessions: SessionsReportService;
  let outcomes: OutcomesService;
  const now = new Date();

  /** Every report, for every principal and filter, through one source. */
  async function everyReport(source: ReportSource): Promise<unknown[]> {
    const out: unknown[] = [];
    const singles = CASELOAD_DIMENSIONS.map((a) => [a]);
    const pairs = CASELOAD_DIMENSIONS.flatMap((a, i) =>
      CASELOAD_DIMENSIONS.slice(i + 1).map((b) => [a, b]),
    );
    for (const p of PRINCIPALS) {
      for (const [i, f] of FILTERS.entries()) {
        // Every pair of dimensions on a few filters, every single one on all.
        for (const groupBy of i < 3 ? [...singles, ...pairs] : singles) {
          out.push(await caseload.caseload(f, groupBy, p, source));
        }
        out.push(await caseload.funnel(f, p, source));
        out.push(await caseload.referrals(f, p, source));
        out.push(await backlog.backlog(f, false, p, now, source));
        out.push(await backlog.backlog(f, true, p, now, source));
        out.push(await backlog.sla(f, p, now, source));
        out.push(await sessions.sessions(f, p, source));
        out.push(await outcomes.outcomes(f, p, source));
      }
    }
    return out;
  }

  async function expectAgreement(): Promise<void> {
    const [rolled, direct] = [await everyReport('auto'), await everyReport('direct')];
    expect(rolled.length).toBe(direct.length);
    for (let i = 0; i < direct.length; i += 1) {
      expect(rolled[i]).toEqual(direct[i]);
    }
  }

  const sql = (text: string, params: unknown[] = []) => t.db.query(text, params);

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    caseload = t.app.get(CaseloadService);
    backlog = t.app.get(BacklogService);
    sessions = t.app.get(SessionsReportService);
    outcomes = t.app.get(OutcomesService);

    // Organizations with every kind of attribute, missing ones included.
    await sql(
      `INSERT INTO organization (name, prefecture_code, industry_code, employees, sme, sme_reason,
         name_normalized, search_text)
       SELECT 'ロールアップ' || g, ($1::text[])[1 + g % 7], ($2::text[])[1 + g % 7],
              CASE WHEN g % 9 = 0 THEN NULL ELSE (g * 37) % 500 END,
              CASE g % 3 WHEN 0 THEN true WHEN 1 THEN false END, 'test',
              'ロールアップ' || g, 'ろーるあっぷ' || g
         FROM generate_series(1, 60) g`,
      [PREFECTURES, INDUSTRIES],
    );
    // 400 cases over two and a half fiscal years, every desk, channel and status.
    await sql(
      `WITH orgs AS (SELECT id, row_number() OVER (ORDER BY name) AS i FROM organization
                      WHERE name LIKE 'ロールアップ%')
       INSERT INTO "case" (number, organization_id, desk_id, channel, status, subject, received_at,
         outcome, outcome_confirmed_on, not_adopted_reason, first_response_due_at, first_responded_at)
       SELECT '2030-' || lpad(g::text, 6, '0'), o.id, ($1::text[])[1 + g % 4], ($2::text[])[1 + g % 6],
              s.status, '集計' || g,
              timestamptz '2025-01-10 09:00+09' + (g * interval '2 days 3 hours 7 minutes'),
              CASE WHEN s.status = 'closed' THEN (ARRAY['adopted', 'planned', 'not_adopted', 'unknown'])[1 + g % 4] END,
              CASE WHEN s.status = 'closed' THEN date '2026-01-01' END,
              CASE WHEN s.status = 'closed' AND g % 4 = 2 THEN '費用' END,
              CASE WHEN g % 6 IN (1, 2, 5) THEN timestamptz '2025-01-10 09:00+09' + (g * interval '2 days 3 hours 7 minutes') + interval '1 day' END,
              CASE WHEN g % 6 IN (1, 2, 5) AND g % 5 <> 0 THEN timestamptz '2025-01-10 09:00+09' + (g * interval '2 days 3 hours 7 minutes') + (g % 50) * interval '1 hour' END
         FROM generate_series(1, 400) g
         JOIN orgs o ON o.i = 1 + g % 60
         CROSS JOIN LATERAL (SELECT (ARRAY['new', 'in_progress', 'waiting_on_customer', 'in_sessions', 'resolved', 'closed', 'closed'])[1 + g % 7] AS status) s`,
      [DESKS, CHANNELS],
    );
    // A far-future due time: pending, not breached.
    await sql(
      `UPDATE "case" SET first_response_due_at = now() + interval '30 days', first_responded_at = NULL
        WHERE number IN ('2030-000395', '2030-000389')`,
    );
    await sql(
      `INSERT INTO case_topic (case_id, topic_code)
       SELECT c.id, t.code FROM "case" c
         CROSS JOIN LATERAL (SELECT unnest($1::text[]) AS code) t
        WHERE c.number LIKE '2030-%'
          AND (hashtext(c.number || t.code) & 3) = 0`,
      [TOPICS],
    );
    const experts = [await makeExpert(t), await makeExpert(t)];
    await sql(
      `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, status, scheduled, mode,
         findings, minutes_spent, honorarium_yen, cancel_reason)
       SELECT c.id, c.organization_id, ($1::uuid[])[1 + k % 2],
              (ARRAY['assessment', 'preparation', 'follow_up'])[1 + k],
              (ARRAY['completed', 'scheduled', 'no_show', 'cancelled'])[1 + (n + k) % 4],
              tstzrange(c.received_at + (k + 1) * interval '9 days' + n * interval '3 hours',
                        c.received_at + (k + 1) * interval '9 days' + n * interval '3 hours' + interval '2 hours'),
              'online',
              CASE WHEN (n + k) % 4 = 0 THEN '所見' END, CASE WHEN (n + k) % 4 = 0 THEN 90 END,
              CASE WHEN (n + k) % 4 = 0 THEN 10000 * (1 + k) END,
              CASE WHEN (n + k) % 4 = 3 THEN '都合' END
         FROM (SELECT c.*, substr(c.number, 6)::int AS n FROM "case" c WHERE c.number LIKE '2030-%') c
         CROSS JOIN generate_series(0, 2) k
        WHERE c.n % 5 = 0 AND k <= c.n % 3
       ON CONFLICT DO NOTHING`,
      [experts.map((e) => e.id)],
    );
    await sql(
      `INSERT INTO case_referral (case_id, program_id)
       SELECT c.id, p.id FROM "case" c
         JOIN LATERAL (SELECT id FROM referral_program ORDER BY code, fiscal_year
                        OFFSET substr(c.number, 6)::int % 3 LIMIT 1 + substr(c.number, 6)::int % 2) p ON true
        WHERE c.number LIKE '2030-%' AND substr(c.number, 6)::int % 7 = 0`,
    );
    // And some through the API, as the desks log them.
    for (const [i, channel] of ['phone', 'email', 'walk_in'].entries()) {
      await operator
        .post('/api/cases', {
          subject: `API相談${i}`,
          channel,
          receivedAt: `2025-0${5 + i}-1${i}T10:00:00+09:00`,
          organization: {
            name: `API商事${i}`,
            prefectureCode: '13',
            industryCode: 'I',
            employees: 12,
          },
          topics: ['LAB.TIME', 'ICT.SEC'],
        })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('after intake', async () => {
    // The data is not trivial: every report has something to count.
    const admin = PRINCIPALS[2]!;
    const fy = { from: '2025-04-01', to: '2026-03-31' };
    expect((await caseload.caseload(fy, ['topic2'], admin)).totalCases).toBeGreaterThan(150);
    expect((await caseload.funnel(fy, admin)).stages[2]!.count).toBeGreaterThan(0);
    expect((await caseload.referrals(fy, admin)).casesReferred).toBeGreaterThan(5);
    expect((await backlog.backlog({}, false, admin, now)).totalOpen).toBeGreaterThan(100);
    const sla = await backlog.sla(fy, admin, now);
    expect(sla.total.met * sla.total.breached).toBeGreaterThan(0);
    expect(sla.total.medianResponseBusinessHours).not.toBeNull();
    expect((await backlog.sla({}, admin, now)).total.pending).toBeGreaterThanOrEqual(2);
    const held = await sessions.sessions(fy, admin);
    expect(held.kinds.every((k) => k.sessions > 0)).toBe(true);
    expect(
      held.organizationsBySessionsUsed.filter((o) => o.organizations > 0).length,
    ).toBeGreaterThan(1);
    expect((await outcomes.outcomes(fy, admin)).total.adopted).toBeGreaterThan(0);
    await expectAgreement();
  });

  it('counts an intake when a report reads, not in the intake’s transaction', async () => {
    const admin = PRINCIPALS[2]!;
    const today = { from: tokyoDate(now), to: tokyoDate(now) };
    const before = (await caseload.caseload(today, ['channel'], admin)).totalCases;
    await sql(`DELETE FROM report_pending_case`);
    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        subject: '集計待ち',
        organization: { name: '集計待ち商事', prefectureCode: '27', industryCode: 'G' },
        topics: ['LAB.COST'],
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    // The intake queued its case (the case, then its topics) and counted nothing itself.
    const queued = await sql(`SELECT case_id FROM report_pending_case`);
    expect(queued.map((r: { case_id: string }) => r.case_id)).toEqual([id, id]);
    expect(await sql(`SELECT 1 FROM report_case_state WHERE case_id = $1`, [id])).toEqual([]);
    // The next report counts it, and empties the queue.
    expect((await caseload.caseload(today, ['channel'], admin)).totalCases).toBe(before + 1);
    expect(await sql(`SELECT case_id FROM report_pending_case`)).toEqual([]);
    const [state] = await sql(`SELECT topics FROM report_case_state WHERE case_id = $1`, [id]);
    expect(state.topics).toEqual(['LAB.COST']);
    // A case applied twice moves nothing: the recount compares with the state it stored.
    await sql(`INSERT INTO report_pending_case (case_id) VALUES ($1), ($1)`, [id]);
    expect((await caseload.caseload(today, ['channel'], admin)).totalCases).toBe(before + 1);
    // Through HTTP too, with the queue applied first.
    await sql(`UPDATE "case" SET channel = 'email' WHERE id = $1`, [id]);
    const manager = await signInAs(t, 'admin');
    const report = await manager
      .get(`/api/reports/caseload?from=${today.from}&to=${today.to}&groupBy=channel`)
      .expect(200);
    const rows = (report.body as { rows: { channel?: string; count: number }[] }).rows;
    expect(rows.find((r) => r.channel === 'email')?.count).toBeGreaterThanOrEqual(1);
    await expectAgreement();
  });

  it('fills missing business minutes batch by batch, each case once', async () => {
    const maintenance = t.app.get(RollupMaintenanceService);
    await maintenance.fillFirstResponseMinutes();
    const ids = (
      await sql(`SELECT case_id FROM report_first_response ORDER BY case_id LIMIT 5`)
    ).map((r: { case_id: string }) => r.case_id);
    expect(ids).toHaveLength(5);
    await sql(`DELETE FROM report_first_response WHERE case_id = ANY($1::uuid[])`, [ids]);
    // Two a batch: each batch's minutes must be counted into the state before the next batch
    // looks for missing ones, or it finds the same two again (until the loop's bound).
    maintenance.fillBatch = 2;
    try {
      expect(await maintenance.fillFirstResponseMinutes()).toBe(5);
    } finally {
      maintenance.fillBatch = 20_000;
    }
    const [{ n }] = await sql(
      `SELECT count(*)::int AS n FROM report_first_response WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(n).toBe(5);
    await expectAgreement();
  });

  it('looks for missing business minutes in the state’s index first, limited before the join', async () => {
    // Before every SLA report. Joined first and limited after, the plan depended on statistics:
    // with stale ones (a big fill, autovacuum not yet round) it read every case to find none.
    const recorded = recordStatements(t.db);
    try {
      await t.app.get(RollupMaintenanceService).fillFirstResponseMinutes();
    } finally {
      recorded.stop();
    }
    const probe = recorded.sql.find((q) => /fr_minutes IS NULL/.test(q));
    expect(probe).toBeDefined();
    const [{ 'QUERY PLAN': plans }] = await sql(`EXPLAIN (FORMAT JSON) ${probe!}`);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
    const limits: PlanNode[] = [];
    const walk = (node: PlanNode): void => {
      if (node['Node Type'] === 'Limit') {
        limits.push(node);
      }
      node.Plans?.forEach(walk);
    };
    walk((plans as { Plan: PlanNode }[])[0]!.Plan);
    // The limit applies to the state's rows alone, not to the join with the cases.
    const scanned = (node: PlanNode): string[] => [
      ...(node['Relation Name'] ? [node['Relation Name']] : []),
      ...(node.Plans ?? []).flatMap(scanned),
    ];
    expect(limits.map(scanned)).toEqual([['report_case_state']]);
  });

  it('answers as of the oldest change a long queue still holds, and a rebuild empties it', async () => {
    const maintenance = t.app.get(RollupMaintenanceService);
    const admin = await signInAs(t, 'admin');
    const [{ id }] = await sql(`SELECT id FROM "case" ORDER BY received_at LIMIT 1`);
    const queuedAt = '2026-01-05T00:00:00.000Z';
    await sql(`INSERT INTO report_pending_case (case_id, queued_at) VALUES ($1, $2)`, [
      id,
      queuedAt,
    ]);
    // A report that may count none of it (as if the queue were longer than it counts) says so.
    maintenance.reportApplyBatches = 0;
    try {
      const report = await admin.get('/api/reports/caseload?groupBy=channel').expect(200);
      expect((report.body as { dataAsOf: string }).dataAsOf).toBe(queuedAt);
      expect(report.headers['x-data-as-of']).toBeDefined();
    } finally {
      maintenance.reportApplyBatches = 4;
    }
    // The rebuild is the owner's (a migration's, an import's).
    await adminQuery(asOwner(t.settings.databaseUrl), (owner) =>
      owner.query(`SELECT report_rollup_rebuild()`),
    );
    expect(await sql(`SELECT case_id FROM report_pending_case`)).toEqual([]);
    const after = await admin.get('/api/reports/caseload?groupBy=channel').expect(200);
    expect(Date.now() - Date.parse((after.body as { dataAsOf: string }).dataAsOf)).toBeLessThan(
      60_000,
    );
    await expectAgreement();
  });

  it('after the cases change in every way that moves a figure', async () => {
    const some = (mod: number, rest: number) =>
      `number LIKE '2030-%' AND substr(number, 6)::int % ${mod} = ${rest}`;
    // Status changes, closures with outcomes, reopening.
    await sql(`UPDATE "case" SET status = 'in_progress' WHERE ${some(11, 0)} AND status = 'new'`);
    await sql(
      `UPDATE "case" SET status = 'closed', outcome = 'adopted', outcome_confirmed_on = '2026-02-01'
        WHERE ${some(13, 1)} AND status <> 'closed'`,
    );
    await sql(
      `UPDATE "case" SET status = 'in_progress' WHERE ${some(17, 2)} AND status = 'closed'`,
    );
    // Organizations' industry, size, SME flag and prefecture edited.
    await sql(
      `UPDATE organization SET industry_code = 'R', employees = 250, sme = NOT coalesce(sme, false)
        WHERE name IN ('ロールアップ3', 'ロールアップ10', 'ロールアップ44')`,
    );
    await sql(`UPDATE organization SET prefecture_code = NULL WHERE name = 'ロールアップ5'`);
    // Desk transfers, done and pending.
    await sql(`UPDATE "case" SET desk_id = 'kinki' WHERE ${some(19, 3)}`);
    await sql(
      `UPDATE "case" SET transfer_to_desk_id = 'kanto', transfer_from_desk_id = desk_id,
              transfer_requested_at = now() WHERE ${some(23, 4)} AND desk_id <> 'kanto'`,
    );
    // Received at another day (a correction), first responses given late.
    await sql(
      `UPDATE "case" SET received_at = received_at - interval '40 days' WHERE ${some(29, 5)}`,
    );
    await sql(
      `UPDATE "case" SET first_responded_at = received_at + interval '3 days'
        WHERE first_response_due_at IS NOT NULL AND first_responded_at IS NULL AND ${some(2, 0)}`,
    );
    // Sessions booked, cancelled, completed; topics and referrals edited.
    await sql(
      `UPDATE expert_session SET status = 'cancelled', cancel_reason = '都合'
        WHERE status = 'scheduled' AND kind = 'preparation'`,
    );
    await sql(
      `UPDATE expert_session SET status = 'completed', findings = '所見', minutes_spent = 60, honorarium_yen = 5000
        WHERE status = 'no_show'`,
    );
    await sql(
      `DELETE FROM case_topic WHERE topic_code = 'ICT.NET'
          AND case_id IN (SELECT id FROM "case" WHERE ${some(2, 1)})`,
    );
    await sql(
      `INSERT INTO case_topic (case_id, topic_code)
       SELECT id, 'LAB.OSH' FROM "case" WHERE ${some(9, 4)} ON CONFLICT DO NOTHING`,
    );
    await sql(
      `DELETE FROM case_referral WHERE case_id IN (SELECT id FROM "case" WHERE ${some(14, 0)})`,
    );
    // An organization merged into another: its cases and their sessions move together.
    await t.db.transaction(async (db) => {
      const [[from], [into]] = await Promise.all([
        db.query<{ id: string }[]>(`SELECT id FROM organization WHERE name = 'ロールアップ7'`),
        db.query<{ id: string }[]>(`SELECT id FROM organization WHERE name = 'ロールアップ8'`),
      ]);
      await db.query(`UPDATE "case" SET organization_id = $2 WHERE organization_id = $1`, [
        from!.id,
        into!.id,
      ]);
      await db.query(`UPDATE expert_session SET organization_id = $2 WHERE organization_id = $1`, [
        from!.id,
        into!.id,
      ]);
      await db.query(`UPDATE organization SET merged_into = $2 WHERE id = $1`, [
        from!.id,
        into!.id,
      ]);
    });
    // A case deleted outright (none of the API's cases: their timeline is append-only).
    await sql(
      `DELETE FROM expert_session WHERE case_id IN (SELECT id FROM "case" WHERE number = '2030-000020')`,
    );
    await sql(
      `DELETE FROM case_referral WHERE case_id IN (SELECT id FROM "case" WHERE number = '2030-000021')`,
    );
    await sql(`DELETE FROM "case" WHERE number IN ('2030-000020', '2030-000021')`);
    // And through the API: a status change.
    const [apiCase] = await sql(`SELECT id, version FROM "case" WHERE subject = 'API相談1'`);
    await operator
      .post(`/api/cases/${apiCase.id}/transitions`, {
        to: 'closed',
        version: apiCase.version,
        outcome: 'planned',
        outcomeConfirmedOn: '2025-09-01',
      })
      .expect(200);
    await expectAgreement();
  });

  it('after compaction, and the reports really read the roll-ups', async () => {
    const [{ deltas }] = await sql(
      `SELECT count(*)::int AS deltas FROM report_case_day WHERE NOT compacted`,
    );
    expect(deltas).toBeGreaterThan(0);
    await sql(`SELECT report_rollup_compact()`);
    const [{ left }] = await sql(
      `SELECT count(*)::int AS left FROM report_case_day WHERE NOT compacted`,
    );
    expect(left).toBe(0);
    await expectAgreement();

    // A stray delta shows in the roll-up path only: proof that path is not the base tables.
    const admin = PRINCIPALS[2]!;
    const fy = { from: '2025-04-01', to: '2026-03-31' };
    const odd = { from: '2025-06-15', to: '2026-05-03' };
    const probes: [string, string, () => Promise<number>][] = [
      [
        'report_case_month',
        `(month, desk_id, channel, status, with_session, referred, n) VALUES ('2025-05-01', 'national', 'phone', 'new', false, false, 1000)`,
        async () => (await caseload.caseload(fy, ['channel'], admin)).totalCases,
      ],
      [
        'report_case_day',
        `(day, desk_id, channel, status, with_session, referred, n) VALUES ('2025-07-01', 'national', 'phone', 'new', false, false, 1000)`,
        async () => (await caseload.caseload(odd, ['channel'], admin)).totalCases,
      ],
      [
        'report_case_month_attr',
        `(month, desk_id, channel, status, attr, value, n) VALUES ('2025-05-01', 'national', 'phone', 'new', 'industry', 'I', 1000)`,
        async () => (await caseload.caseload(fy, ['industry'], admin)).totalCases,
      ],
      [
        'report_sla_year',
        `(fiscal_year, desk_id, channel, verdict, minutes, n) VALUES (2025, 'national', 'email', 'met', 5, 1000)`,
        async () => (await backlog.sla(fy, admin, now)).total.met,
      ],
      [
        'report_org_band',
        `(fiscal_year, scope, band, n) VALUES (2025, '*', '2', 1000)`,
        async () =>
          (await sessions.sessions(fy, admin)).organizationsBySessionsUsed.find(
            (o) => o.sessions === '2',
          )!.organizations,
      ],
      [
        'report_session_day',
        `(day, desk_id, channel, expert_id, kind, sessions, completed, honorarium_yen)
         SELECT '2025-07-01', 'national', 'phone', id, 'assessment', 1000, 0, 0 FROM expert_profile LIMIT 1`,
        async () => (await sessions.sessions(fy, admin)).kinds[0]!.sessions,
      ],
      [
        'report_referral_day',
        `(day, desk_id, channel, program_id, n) SELECT '2025-07-01', 'national', 'phone', id, 1000 FROM referral_program LIMIT 1`,
        async () => (await caseload.referrals(fy, admin)).rows.reduce((sum, r) => sum + r.cases, 0),
      ],
    ];
    for (const [table, values, read] of probes) {
      const before = await read();
      await sql(`INSERT INTO ${table} ${values}`);
      expect([table, (await read()) - before]).toEqual([table, 1000]);
      await sql(`DELETE FROM ${table} WHERE NOT compacted`);
    }
  });
});
