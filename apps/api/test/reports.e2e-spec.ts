import { binary, readWorkbook } from './support/binary';
import { makeExpert } from './support/experts';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

const Q1 = 'from=2026-04-01&to=2026-06-30';

/**
 * A small known dataset, logged through the API like the desks do (intake with a past
 * receivedAt, closing with outcomes), plus sessions and referrals straight in the database:
 *
 *   A 2026-04-01 00:30 JST phone   national  13 I 10   LAB.TIME LAB.COST  closed adopted     2 sessions
 *   B 2026-03-31 23:30 JST email   national  27 E 150  ICT.SEC            open (FY2025)
 *   C 2026-04-15 10:00 JST web     national  01 I 400  ICT.SEC LAB.TIME   closed not_adopted 1 cancelled
 *   D 2026-05-10 10:00 JST phone   kanto     13 M 3    LAB.RULES          closed planned     1 no-show
 *   E 2026-05-20 10:00 JST walk_in kanto     14 - -    ICT.NET            open
 *   F 2026-06-01 10:00 JST phone   kinki     27 I 50   LAB.TIME           closed unknown
 *   G now                  phone   national  13 G 30   LAB.HRD            open
 */
describe('reports', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kantoStaff: SignedIn;
  let kinkiStaff: SignedIn;
  let manager: SignedIn;
  let kantoManager: SignedIn;
  let admin: SignedIn;
  const ids: Record<string, string> = {};

  const intake = async (
    by: SignedIn,
    key: string,
    body: {
      channel: string;
      receivedAt?: string;
      organization: Record<string, unknown>;
      topics: string[];
      subject?: string;
    },
  ) => {
    const res = await by.post('/api/cases', { subject: `相談${key}`, ...body }).expect(201);
    ids[key] = res.body.id;
    return res.body as { id: string; version: number; deskId: string };
  };

  const close = (by: SignedIn, key: string, outcome: string) =>
    by
      .post(`/api/cases/${ids[key]}/transitions`, {
        to: 'closed',
        version: 1,
        outcome,
        outcomeConfirmedOn: '2026-07-01',
        ...(outcome === 'not_adopted' ? { notAdoptedReason: '費用が確保できない' } : {}),
      })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    [operator, kantoStaff, kinkiStaff, manager, kantoManager, admin] = await Promise.all([
      signInAs(t, 'operator'),
      signInAs(t, 'desk_staff', 'kanto'),
      signInAs(t, 'desk_staff', 'kinki'),
      signInAs(t, 'manager', 'national'),
      signInAs(t, 'manager', 'kanto'),
      signInAs(t, 'admin'),
    ]);
    const org = (
      name: string,
      prefectureCode: string,
      industryCode?: string,
      employees?: number,
    ) => ({
      name,
      prefectureCode,
      ...(industryCode ? { industryCode } : {}),
      ...(employees !== undefined ? { employees } : {}),
    });
    await intake(operator, 'A', {
      channel: 'phone',
      receivedAt: '2026-04-01T00:30:00+09:00',
      organization: org('A商事', '13', 'I', 10),
      topics: ['LAB.TIME', 'LAB.COST'],
    });
    await intake(operator, 'B', {
      channel: 'email',
      receivedAt: '2026-03-31T23:30:00+09:00',
      organization: org('B工業', '27', 'E', 150),
      topics: ['ICT.SEC'],
    });
    await intake(operator, 'C', {
      channel: 'web',
      receivedAt: '2026-04-15T10:00:00+09:00',
      organization: org('C物産', '01', 'I', 400),
      topics: ['ICT.SEC', 'LAB.TIME'],
    });
    const d = await intake(kantoStaff, 'D', {
      channel: 'phone',
      receivedAt: '2026-05-10T10:00:00+09:00',
      organization: org('D食堂', '13', 'M', 3),
      topics: ['LAB.RULES'],
    });
    const e = await intake(kantoStaff, 'E', {
      channel: 'walk_in',
      receivedAt: '2026-05-20T10:00:00+09:00',
      organization: org('E事務所', '14'),
      topics: ['ICT.NET'],
    });
    const f = await intake(kinkiStaff, 'F', {
      channel: 'phone',
      receivedAt: '2026-06-01T10:00:00+09:00',
      organization: org('F商店', '27', 'I', 50),
      topics: ['LAB.TIME'],
    });
    await intake(operator, 'G', {
      channel: 'phone',
      organization: org('Gシステム', '13', 'G', 30),
      topics: ['LAB.HRD'],
    });
    expect([d.deskId, e.deskId, f.deskId]).toEqual(['kanto', 'kanto', 'kinki']);

    await close(operator, 'A', 'adopted');
    await close(operator, 'C', 'not_adopted');
    await close(kantoStaff, 'D', 'planned');
    await close(kinkiStaff, 'F', 'unknown');

    // First responses at known instants: C within its 8 business hours, B late.
    await t.db.query(`UPDATE "case" SET first_responded_at = $2 WHERE id = $1`, [
      ids.C,
      '2026-04-15T13:00:00+09:00',
    ]);
    await t.db.query(`UPDATE "case" SET first_responded_at = $2 WHERE id = $1`, [
      ids.B,
      '2026-04-02T10:00:00+09:00',
    ]);

    const expert = await makeExpert(t);
    const session = (
      key: string,
      kind: string,
      status: string,
      start: string,
      yen: number | null,
    ) =>
      t.db.query(
        `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, status, scheduled, mode,
           findings, minutes_spent, honorarium_yen, cancel_reason)
         SELECT c.id, c.organization_id, $2, $3, $4,
                tstzrange($5::timestamptz, $5::timestamptz + interval '2 hours'), 'online',
                CASE WHEN $4 = 'completed' THEN '所見' END, CASE WHEN $4 = 'completed' THEN 120 END,
                $6, CASE WHEN $4 = 'cancelled' THEN '都合により' END
           FROM "case" c WHERE c.id = $1`,
        [ids[key], expert.id, kind, status, start, yen],
      );
    await session('A', 'assessment', 'completed', '2026-04-10T10:00:00+09:00', 20000);
    await session('A', 'preparation', 'completed', '2026-05-12T10:00:00+09:00', 30000);
    await session('C', 'assessment', 'cancelled', '2026-04-20T10:00:00+09:00', null);
    await session('D', 'assessment', 'no_show', '2026-05-15T14:00:00+09:00', null);

    await t.db.query(
      `INSERT INTO case_referral (case_id, program_id)
       SELECT c.id, p.id FROM "case" c, referral_program p
        WHERE c.id = ANY($1::uuid[]) AND p.code = 'mhlw.jinzai-kakuho.telework'
          AND p.fiscal_year = (SELECT max(fiscal_year) FROM referral_program WHERE code = p.code)`,
      [[ids.A, ids.C]],
    );
  });
  afterAll(() => t.close());

  describe('caseload', () => {
    /** The rows of the caseload over the first quarter, for a groupBy and any filters. */
    const q1Rows = async (query: string) =>
      (await manager.get(`/api/reports/caseload?${Q1}&${query}`).expect(200)).body.rows;

    it('counts by channel over a quarter', async () => {
      const res = await manager.get(`/api/reports/caseload?${Q1}&groupBy=channel`).expect(200);
      expect(res.body).toEqual({
        dataAsOf: expect.any(String),
        groupBy: ['channel'],
        rows: [
          { channel: 'phone', count: 3 },
          { channel: 'walk_in', count: 1 },
          { channel: 'web', count: 1 },
        ],
        totalCases: 5,
      });
    });

    it('buckets days, months and fiscal years in Tokyo time', async () => {
      const days = await manager
        .get('/api/reports/caseload?from=2026-03-31&to=2026-04-01&groupBy=day,channel')
        .expect(200);
      expect(days.body.rows).toEqual([
        { day: '2026-03-31', channel: 'email', count: 1 },
        { day: '2026-04-01', channel: 'phone', count: 1 },
      ]);
      const months = await manager
        .get('/api/reports/caseload?from=2026-03-01&to=2026-04-30&groupBy=month')
        .expect(200);
      expect(months.body.rows).toEqual([
        { month: '2026-03', count: 1 },
        { month: '2026-04', count: 2 },
      ]);
      const years = await manager
        .get('/api/reports/caseload?from=2026-03-01&to=2026-06-30&groupBy=fiscal_year')
        .expect(200);
      expect(years.body.rows).toEqual([
        { fiscal_year: 2025, count: 1 },
        { fiscal_year: 2026, count: 5 },
      ]);
      const weeks = await manager
        .get('/api/reports/caseload?from=2026-03-30&to=2026-04-05&groupBy=week')
        .expect(200);
      // Tuesday 23:30 and Wednesday 00:30 JST: the same week, starting Monday March 30.
      expect(weeks.body.rows).toEqual([{ week: '2026-03-30', count: 2 }]);
    });

    it('groups by organization attributes, with unknown for missing data', async () => {
      expect(await q1Rows('groupBy=block,channel')).toEqual([
        { block: 'hokkaido', channel: 'web', count: 1 },
        { block: 'kanto', channel: 'phone', count: 2 },
        { block: 'kanto', channel: 'walk_in', count: 1 },
        { block: 'kinki', channel: 'phone', count: 1 },
      ]);
      // In band order (libs/domain's bands), not text order.
      expect(await q1Rows('groupBy=size_band')).toEqual([
        { size_band: '1-4', count: 1 },
        { size_band: '5-20', count: 1 },
        { size_band: '21-50', count: 1 },
        { size_band: '301+', count: 1 },
        { size_band: 'unknown', count: 1 },
      ]);
      expect(await q1Rows('groupBy=industry,desk')).toEqual([
        { industry: 'I', desk: 'kinki', count: 1 },
        { industry: 'I', desk: 'national', count: 2 },
        { industry: 'M', desk: 'kanto', count: 1 },
        { industry: 'unknown', desk: 'kanto', count: 1 },
      ]);
    });

    it('groups by prefecture, SME and status', async () => {
      const by = (groupBy: string) => q1Rows(`groupBy=${groupBy}`);
      expect(await by('prefecture')).toEqual([
        { prefecture: '01', count: 1 },
        { prefecture: '13', count: 2 },
        { prefecture: '14', count: 1 },
        { prefecture: '27', count: 1 },
      ]);
      // A, D and F are small by DOMAIN.md's rule; C (400 employees, capital unknown) and E (no
      // industry) cannot be classified.
      expect(await by('sme')).toEqual([
        { sme: 'true', count: 3 },
        { sme: 'unknown', count: 2 },
      ]);
      expect(await by('status')).toEqual([
        { status: 'closed', count: 4 },
        { status: 'new', count: 1 },
      ]);
      expect(await by('status,sme')).toEqual([
        { status: 'closed', sme: 'true', count: 3 },
        { status: 'closed', sme: 'unknown', count: 1 },
        { status: 'new', sme: 'unknown', count: 1 },
      ]);
    });

    it('counts a case once per topic category, and once per topic', async () => {
      const level1 = await manager.get(`/api/reports/caseload?${Q1}&groupBy=topic`).expect(200);
      expect(level1.body).toEqual({
        dataAsOf: expect.any(String),
        groupBy: ['topic'],
        rows: [
          { topic: 'ICT', count: 2 },
          { topic: 'LAB', count: 4 },
        ],
        totalCases: 5,
      });
      expect(await q1Rows('groupBy=topic,topic2')).toEqual([
        { topic: 'ICT', topic2: 'ICT.NET', count: 1 },
        { topic: 'ICT', topic2: 'ICT.SEC', count: 1 },
        { topic: 'LAB', topic2: 'LAB.COST', count: 1 },
        { topic: 'LAB', topic2: 'LAB.RULES', count: 1 },
        { topic: 'LAB', topic2: 'LAB.TIME', count: 3 },
      ]);
    });

    it('applies every filter', async () => {
      const rows = (query: string) => q1Rows(`groupBy=channel&${query}`);
      expect(await rows('prefectureCode=13')).toEqual([{ channel: 'phone', count: 2 }]);
      expect(await rows('industryCode=I&channel=phone')).toEqual([{ channel: 'phone', count: 2 }]);
      expect(await rows('deskId=kanto')).toEqual([
        { channel: 'phone', count: 1 },
        { channel: 'walk_in', count: 1 },
      ]);
      expect(await rows('topic=ICT')).toEqual([
        { channel: 'walk_in', count: 1 },
        { channel: 'web', count: 1 },
      ]);
      expect(await rows('topic=LAB.TIME')).toEqual([
        { channel: 'phone', count: 2 },
        { channel: 'web', count: 1 },
      ]);
      // C (400 employees, capital unknown) and E (no industry) cannot be classified.
      expect(await rows('sme=unknown')).toEqual([
        { channel: 'walk_in', count: 1 },
        { channel: 'web', count: 1 },
      ]);
      expect(await rows('sme=true')).toEqual([{ channel: 'phone', count: 3 }]);
    });

    it('shows a regional manager only their desk', async () => {
      const res = await kantoManager.get(`/api/reports/caseload?${Q1}&groupBy=channel`).expect(200);
      expect(res.body.rows).toEqual([
        { channel: 'phone', count: 1 },
        { channel: 'walk_in', count: 1 },
      ]);
      const other = await kantoManager
        .get(`/api/reports/caseload?${Q1}&groupBy=channel&deskId=kinki`)
        .expect(200);
      expect(other.body).toEqual({
        dataAsOf: expect.any(String),
        groupBy: ['channel'],
        rows: [],
        totalCases: 0,
      });
      const funnel = await kantoManager.get(`/api/reports/funnel?${Q1}`).expect(200);
      expect(funnel.body.stages.map((s: { count: number }) => s.count)).toEqual([2, 1, 0]);
    });

    it('answers 400 naming the field', async () => {
      const field = async (query: string) => {
        const res = await manager.get(`/api/reports/caseload?${query}`).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        return res.body.details.map((d: { field: string }) => d.field);
      };
      expect(await field('groupBy=colour')).toEqual(['groupBy']);
      expect(await field('')).toContain('groupBy');
      expect(await field('groupBy=day,month,channel')).toEqual(['groupBy']);
      expect(await field('groupBy=day&from=2026-02-30')).toEqual(['from']);
      expect(await field('groupBy=day&from=2026-04-02&to=2026-04-01')).toEqual(['to']);
      expect(await field('groupBy=day&to=20260401')).toEqual(['to']);
      expect(await field('groupBy=day&prefectureCode=48')).toEqual(['prefectureCode']);
      expect(await field('groupBy=day&sme=maybe')).toEqual(['sme']);
      expect(await field('groupBy=day&format=pdf')).toEqual(['format']);
      expect(await field('groupBy=day&colour=red')).toEqual(['colour']);
    });
  });

  it('backlog: open cases by age in business days, by desk', async () => {
    const all = await manager.get('/api/reports/backlog').expect(200);
    expect(all.body.totalOpen).toBe(3);
    expect(all.body.rows).toEqual([
      { age: '0-1', count: 1 },
      { age: '2-5', count: 0 },
      { age: '6-10', count: 0 },
      { age: '11-20', count: 0 },
      { age: '21+', count: 2 },
    ]);
    const byDesk = await manager.get('/api/reports/backlog?groupBy=desk').expect(200);
    expect(byDesk.body.rows.filter((r: { count: number }) => r.count > 0)).toEqual([
      { desk: 'kanto', age: '21+', count: 1 },
      { desk: 'national', age: '0-1', count: 1 },
      { desk: 'national', age: '21+', count: 1 },
    ]);
    const kanto = await kantoManager.get('/api/reports/backlog').expect(200);
    expect(kanto.body.totalOpen).toBe(1);
  });

  it('sla: met share and median business hours to first response', async () => {
    const res = await manager.get('/api/reports/sla?from=2026-03-01&to=2026-06-30').expect(200);
    // B: received Tue 23:30, due Wed 17:00, answered Thu 10:00 = 9 business hours, late.
    // C: received Wed 10:00, due Thu 10:00, answered Wed 13:00 = 3 business hours.
    expect(res.body.rows).toEqual([
      {
        desk: 'national',
        channel: 'email',
        clocked: 1,
        met: 0,
        breached: 1,
        pending: 0,
        metPercent: 0,
        medianResponseBusinessHours: 9,
      },
      {
        desk: 'national',
        channel: 'web',
        clocked: 1,
        met: 1,
        breached: 0,
        pending: 0,
        metPercent: 100,
        medianResponseBusinessHours: 3,
      },
    ]);
    expect(res.body.total).toMatchObject({
      desk: '*',
      channel: '*',
      clocked: 2,
      metPercent: 50,
      medianResponseBusinessHours: 6,
    });
  });

  it('sessions: referral rate, use per organization, kinds, experts and honoraria', async () => {
    const res = await manager.get(`/api/reports/sessions?${Q1}`).expect(200);
    expect(res.body).toMatchObject({
      cases: 5,
      casesWithSessions: 2,
      referralRatePercent: 40,
      organizationsBySessionsUsed: [
        { sessions: '0', organizations: 3 },
        { sessions: '1', organizations: 1 },
        { sessions: '2', organizations: 1 },
        { sessions: '3+', organizations: 0 },
      ],
      kinds: [
        { kind: 'assessment', sessions: 2, completed: 1, percent: 66.7 },
        { kind: 'preparation', sessions: 1, completed: 1, percent: 33.3 },
        { kind: 'follow_up', sessions: 0, completed: 0, percent: 0 },
      ],
      honorariaByMonth: [
        { month: '2026-04', completed: 1, honorariumYen: 20000 },
        { month: '2026-05', completed: 1, honorariumYen: 30000 },
      ],
    });
    expect(res.body.experts).toHaveLength(1);
    expect(res.body.experts[0]).toMatchObject({ sessions: 3, completed: 2, honorariumYen: 50000 });
    // Sessions held in May only: the kind mix follows the session's day.
    const may = await manager
      .get('/api/reports/sessions?from=2026-05-01&to=2026-05-31')
      .expect(200);
    expect(may.body.honorariaByMonth).toEqual([
      { month: '2026-05', completed: 1, honorariumYen: 30000 },
    ]);
  });

  it('outcomes: adoption rate of closed cases with a known outcome, with reference figures', async () => {
    const res = await manager.get(`/api/reports/outcomes?${Q1}`).expect(200);
    expect(res.body.total).toEqual({
      key: '*',
      closed: 4,
      adopted: 1,
      planned: 1,
      notAdopted: 1,
      unknown: 1,
      adoptionRatePercent: 33.3,
    });
    const block = (key: string) => res.body.byBlock.find((r: { key: string }) => r.key === key);
    expect(block('kanto')).toMatchObject({ closed: 2, adopted: 1, adoptionRatePercent: 50 });
    expect(block('hokkaido')).toMatchObject({ closed: 1, adopted: 0, adoptionRatePercent: 0 });
    expect(block('kinki')).toMatchObject({ closed: 1, unknown: 1, adoptionRatePercent: null });
    expect(block('shikoku')).toMatchObject({ closed: 0, adoptionRatePercent: null });
    expect(res.body.byBlock).toHaveLength(8);
    const industry = res.body.byIndustry.find((r: { key: string }) => r.key === 'I');
    expect(industry).toMatchObject({ closed: 3, adopted: 1, notAdopted: 1, unknown: 1 });
    expect(res.body.bySizeBand.map((r: { key: string }) => r.key)).toEqual([
      '1-4',
      '5-20',
      '21-50',
      '51-100',
      '101-300',
      '301+',
    ]);
    expect(res.body.targets.items.map((i: { ratePercent: number }) => i.ratePercent)).toEqual([
      55.2, 45.4, 60.2, 49.9,
    ]);
    expect(res.body.targets.note).toMatch(/100\+ employees/);
  });

  it('referrals by program and funnel', async () => {
    const referrals = await manager.get(`/api/reports/referrals?${Q1}`).expect(200);
    expect(referrals.body.casesReferred).toBe(2);
    expect(referrals.body.rows).toHaveLength(1);
    expect(referrals.body.rows[0]).toMatchObject({
      programCode: 'mhlw.jinzai-kakuho.telework',
      provider: 'mhlw',
      cases: 2,
    });
    const funnel = await manager.get(`/api/reports/funnel?${Q1}`).expect(200);
    expect(funnel.body.stages).toEqual([
      { stage: 'inquiries', count: 5, percentOfPrevious: null, percentOfInquiries: null },
      { stage: 'expert_sessions', count: 2, percentOfPrevious: 40, percentOfInquiries: 40 },
      { stage: 'adopted', count: 1, percentOfPrevious: 50, percentOfInquiries: 20 },
    ]);
  });

  describe('downloads', () => {
    it('a report as CSV: BOM, CRLF, Japanese headers and labels, audited', async () => {
      const res = await binary(
        manager.get(`/api/reports/caseload?${Q1}&groupBy=channel&format=csv`),
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="reports-caseload-channel-\d{8}\.csv"/,
      );
      // Another grouping of the same report is another file, not a second copy of this name.
      const byTopic = await manager
        .get(`/api/reports/caseload?${Q1}&groupBy=topic&format=csv`)
        .expect(200);
      expect(byTopic.headers['content-disposition']).toMatch(/filename="reports-caseload-topic-/);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8')).toBe(
        '受付経路,件数\r\n電話,3\r\n来訪,1\r\nWebフォーム,1\r\n',
      );
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event
          WHERE action = 'report.exported' AND actor_id = $1 AND entity_id = 'caseload'`,
        [manager.user.id],
      );
      // Both downloads, each under the report's own name whatever its file is called.
      expect(n).toBe(2);
    });

    it('a report with several tables as CSV and as xlsx', async () => {
      const csv = await manager.get(`/api/reports/outcomes?${Q1}&format=csv`).expect(200);
      expect(csv.text).toContain('■ 成果(ブロック別)\r\nブロック,完了案件,導入済み');
      expect(csv.text).toContain('全体,4,1,1,1,1,33.3\r\n');
      expect(csv.text).toContain('参考値');
      const xlsx = await binary(manager.get(`/api/reports/outcomes?${Q1}&format=xlsx`)).expect(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = await readWorkbook(xlsx.body as Buffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        '成果(ブロック別)',
        '成果(業種別)',
        '成果(規模別)',
        '参考値(政府目標・実績)',
      ]);
      const sheet = workbook.getWorksheet('成果(ブロック別)')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('ブロック');
      expect(sheet.getRow(2).values).toEqual([undefined, '全体', 4, 1, 1, 1, 1, 33.3]);
    });

    it('streams every matching case as CSV with formula cells neutralised', async () => {
      await intake(operator, 'H', {
        channel: 'phone',
        receivedAt: '2026-07-01T09:00:00+09:00',
        organization: { name: '=HYPERLINK("http://evil.example","click")' },
        topics: ['ICT.SEC'],
        subject: '+SUM(A1)',
      });
      const res = await binary(manager.get('/api/reports/export?format=csv&from=2026-03-01'));
      expect(res.status).toBe(200);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        '案件番号,受付日時,年度,状態,受付経路,窓口,組織名,都道府県,ブロック,業種,従業員数,' +
          '従業員規模,中小企業,相談分野,件名,初回応答期限,初回応答日時,専門家派遣回数,成果,成果確認日,完了日時',
      );
      // Oldest first, Tokyo wall-clock time, fiscal year by Tokyo date.
      expect(lines[1]).toMatch(
        /^\d{4}-\d{6},2026-03-31 23:30,2025,相談者の返答待ち|^\d{4}-\d{6},2026-03-31 23:30,2025,新規/,
      );
      expect(lines[2]).toMatch(
        /^\d{4}-\d{6},2026-04-01 00:30,2026,完了,電話,テレワーク相談センター,A商事,13 東京都,関東,"I 卸売業,小売業",10,5〜20人,中小企業,/,
      );
      expect(lines[2]).toContain(',LAB.COST LAB.TIME,相談A,');
      expect(lines[2]).toMatch(/,2,導入済み,2026-07-01,/);
      const evil = lines.find((l) => l.includes('HYPERLINK'))!;
      expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(evil).toContain(`,'+SUM(A1),`);
      expect(lines.filter((l) => /^\d{4}-\d{6},/.test(l))).toHaveLength(8);
      const kanto = await kantoManager.get('/api/reports/export?from=2026-03-01').expect(200);
      expect(kanto.text.split('\r\n').filter((l) => /^\d{4}-\d{6},/.test(l))).toHaveLength(2);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'report.exported' AND entity_id = 'cases'`,
      );
      expect(n).toBe(2);
    });

    it('streams every matching case as a real xlsx workbook', async () => {
      const res = await binary(
        manager.get(`/api/reports/export?format=xlsx&${Q1}&deskId=national`),
      ).expect(200);
      const workbook = await readWorkbook(res.body as Buffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['案件']);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(3);
      expect(sheet.getRow(1).getCell(2).value).toBe('受付日時');
      // The date cell holds Tokyo wall-clock time (Excel has no time zones).
      expect((sheet.getRow(2).getCell(2).value as Date).toISOString()).toBe(
        '2026-04-01T00:30:00.000Z',
      );
      expect(sheet.getRow(2).getCell(7).value).toBe('A商事');
    });
  });

  describe('results and snapshots', () => {
    it('builds the ministries’ workbook with live figures', async () => {
      const res = await binary(manager.get('/api/reports/results.xlsx?period=2026-05')).expect(200);
      const workbook = await readWorkbook(res.body as Buffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        '概要',
        '受付経路別',
        '相談分野別(大分類)',
        '相談分野別(小分類)',
        '都道府県別',
        '業種別',
        '規模別',
        '相談から導入まで',
        '専門家派遣の概要',
        '組織別の派遣利用回数',
        '派遣の種類',
        '専門家別の派遣件数と謝金',
        '月別の謝金',
        '成果(ブロック別)',
        '成果(業種別)',
        '成果(規模別)',
        '参考値(政府目標・実績)',
        '満足度アンケート',
        'イベントの成果',
        'パートナー計画の進捗',
      ]);
      const channels = workbook.getWorksheet('受付経路別')!;
      expect(channels.getRow(1).getCell(1).value).toBe('テレワーク相談窓口 実績報告 2026年5月');
      expect(channels.getRow(2).getCell(1).text).toMatch(/^速報値/);
      expect(channels.getRow(4).values).toEqual([undefined, '受付経路', '件数']);
      expect(channels.getRow(5).values).toEqual([undefined, '電話', 1]);
      expect(channels.getRow(6).values).toEqual([undefined, '来訪', 1]);
      // When it was computed, in Tokyo time as the ministries read it, not a UTC ISO string.
      const summary = workbook.getWorksheet('概要')!;
      const computed = summary
        .getSheetValues()
        .find((row) => Array.isArray(row) && row[1] === '集計日時') as unknown[];
      expect(computed[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(JST\)$/);
      const [date, time] = String(computed[2]).split(' ');
      const jst = new Date(Date.now() + 9 * 3600_000).toISOString();
      expect(date).toBe(jst.slice(0, 10));
      expect(
        Math.abs(Number(time!.slice(0, 2)) - Number(jst.slice(11, 13))) % 23,
      ).toBeLessThanOrEqual(1);
    });

    it('freezes a period once per scope; the workbook then comes from the snapshot', async () => {
      const frozen = await manager
        .post('/api/reports/snapshots', { period: '2026-05' })
        .expect(201);
      expect(frozen.body).toMatchObject({ period: '2026-05', scope: 'all' });
      const again = await manager.post('/api/reports/snapshots', { period: '2026-05' }).expect(409);
      expect(again.body).toMatchObject({
        code: 'REPORT_SNAPSHOT_EXISTS',
        snapshotId: frozen.body.id,
      });
      // A late entry for May changes live figures, not the submitted report.
      await intake(kantoStaff, 'late', {
        channel: 'phone',
        receivedAt: '2026-05-25T10:00:00+09:00',
        organization: { name: '遅れて登録', prefectureCode: '13' },
        topics: ['LAB.TIME'],
      });
      const live = await manager
        .get('/api/reports/caseload?from=2026-05-01&to=2026-05-31&groupBy=channel')
        .expect(200);
      expect(live.body.rows).toEqual([
        { channel: 'phone', count: 2 },
        { channel: 'walk_in', count: 1 },
      ]);
      const res = await binary(manager.get('/api/reports/results.xlsx?period=2026-05')).expect(200);
      const workbook = await readWorkbook(res.body as Buffer);
      const channels = workbook.getWorksheet('受付経路別')!;
      expect(channels.getRow(2).getCell(1).text).toMatch(/^確定版: .*スナップショット/);
      expect(channels.getRow(5).values).toEqual([undefined, '電話', 1]);

      // The Kanto manager's scope is another report, frozen on its own.
      const kanto = await kantoManager
        .post('/api/reports/snapshots', { period: '2026-05' })
        .expect(201);
      expect(kanto.body.scope).toBe('kanto');
      const mine = await kantoManager.get('/api/reports/snapshots').expect(200);
      expect(mine.body.items.map((s: { scope: string }) => s.scope)).toEqual(['kanto']);
      const everything = await admin.get('/api/reports/snapshots').expect(200);
      expect(everything.body.items.map((s: { scope: string }) => s.scope).sort()).toEqual([
        'all',
        'kanto',
      ]);
      const row = await t.db.query(`SELECT figures FROM report_snapshot WHERE id = $1`, [
        frozen.body.id,
      ]);
      expect(row[0].figures.caseload.totalCases).toBe(2);
      await expect(
        t.db.query(`UPDATE report_snapshot SET figures = '{}' WHERE id = $1`, [frozen.body.id]),
      ).rejects.toThrow(/frozen/);
    });

    it('refuses periods that have not ended, or are malformed', async () => {
      const future = await manager.post('/api/reports/snapshots', { period: 'FY2099' }).expect(400);
      expect(future.body.details).toEqual([
        { field: 'period', message: expect.any(String), constraint: expect.any(String) },
      ]);
      const bad = await manager.post('/api/reports/snapshots', { period: '2026-13' }).expect(400);
      expect(bad.body.details[0].field).toBe('period');
      await manager.get('/api/reports/results.xlsx?period=FY26').expect(400);
    });
  });

  describe('reference figures', () => {
    it('lets an admin change one, with a version check and an audit entry', async () => {
      const list = await admin.get('/api/reports/targets').expect(200);
      const national = list.body.items.find((i: { code: string }) => i.code === 'national_fy2025');
      expect(national).toMatchObject({ ratePercent: 55.2, kind: 'target', version: 1 });
      await manager
        .patch('/api/reports/targets/national_fy2025', { version: 1, ratePercent: 56 })
        .expect(403);
      const changed = await admin
        .patch('/api/reports/targets/national_fy2025', { version: 1, ratePercent: 56 })
        .expect(200);
      expect(changed.body).toMatchObject({ ratePercent: 56, version: 2 });
      const stale = await admin
        .patch('/api/reports/targets/national_fy2025', { version: 1, ratePercent: 57 })
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'REPORT_TARGET_VERSION_CONFLICT',
        currentVersion: 2,
      });
      await admin.patch('/api/reports/targets/nope', { version: 1, ratePercent: 1 }).expect(404);
      const bad = await admin
        .patch('/api/reports/targets/national_fy2025', { version: 2, ratePercent: 120 })
        .expect(400);
      expect(bad.body.details[0].field).toBe('ratePercent');
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'report_target.updated'`,
      );
      expect(n).toBe(1);
    });
  });

  it('is for managers and admins only', async () => {
    const deskStaff = kantoStaff;
    for (const who of [operator, deskStaff]) {
      await who.get('/api/reports/caseload?groupBy=channel').expect(403);
      await who.get('/api/reports/backlog').expect(403);
      await who.get('/api/reports/export').expect(403);
      await who.get('/api/reports/results.xlsx?period=2026-05').expect(403);
      await who.post('/api/reports/snapshots', { period: '2026-04' }).expect(403);
    }
    const expert = await signInAs(t, 'expert', null);
    await expert.get('/api/reports/outcomes').expect(403);
    await admin.get('/api/reports/caseload?groupBy=channel').expect(200);
    await t.http().get('/api/reports/caseload?groupBy=channel').expect(401);
  });
});
