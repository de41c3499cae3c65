import { randomBytes } from 'node:crypto';
import { binary, readWorkbook } from './support/binary';
import { type TestExpert, makeExpert } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * Award candidates against a hand-built fixture: organizations opened through intake, their
 * telework facts (status, follow-up sessions, outcome checks, answered surveys) written straight
 * into the tables the owning modules keep, on fixed days of fiscal years 2025 and 2026.
 */
describe('award candidates (Top Runner and others)', () => {
  let t: TestApp;
  let operator: SignedIn;
  let manager: SignedIn;
  let deskStaff: SignedIn;
  let expertUser: SignedIn;
  let expert: TestExpert;
  let hour = 0;
  let orgs = 0;
  const tag = Date.now().toString(36);

  interface Org {
    id: string;
    caseId: string;
    contactId: string;
  }

  async function org(
    name: string,
    fields: { prefectureCode: string; industryCode: string; employees: number },
    status: 'not_started' | 'trial' | 'partial' | 'adopted',
  ): Promise<Org> {
    const created = await operator
      .post(
        '/api/cases',
        intakeBody({
          organization: { name: `${name}${tag}`, ...fields },
          // A domain of its own each: a shared company domain would read as a duplicate.
          contact: { name: '表彰 花子', email: `award@org${++orgs}-${tag}.example.jp` },
        }),
      )
      .expect(201);
    const [row] = await t.db.query<{ organization_id: string; contact_id: string }[]>(
      `SELECT organization_id, contact_id FROM "case" WHERE id = $1`,
      [created.body.id],
    );
    await t.db.query(`UPDATE organization SET telework_status = $2 WHERE id = $1`, [
      row!.organization_id,
      status,
    ]);
    return {
      id: row!.organization_id,
      caseId: created.body.id as string,
      contactId: row!.contact_id,
    };
  }

  /** A completed expert session on the day (10:00 JST), with a survey answered `overall` if given. */
  async function session(o: Org, kind: string, day: string, overall?: number): Promise<void> {
    hour += 1;
    const [s] = await t.db.query<{ id: string }[]>(
      `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, status, scheduled, mode,
                                   findings, minutes_spent, closed_at)
       VALUES ($1, $2, $3, $4, 'completed',
               tstzrange(($5::date + time '10:00') AT TIME ZONE 'Asia/Tokyo' + $6::int * interval '1 minute',
                         ($5::date + time '10:00') AT TIME ZONE 'Asia/Tokyo' + $6::int * interval '1 minute' + interval '30 seconds'),
               'online', '所見', 60, now())
       RETURNING id`,
      [o.caseId, o.id, expert.id, kind, day, hour],
    );
    if (overall !== undefined) {
      await t.db.query(
        `INSERT INTO satisfaction_survey (session_id, case_id, contact_id, token_sha256, token_sealed,
                                          invited_at, expires_at, answered_at, overall, usefulness)
         VALUES ($1, $2, $3, $4, 'sealed', $5::date, $5::date + 30, $5::date + 1, $6, $6)`,
        [s!.id, o.caseId, o.contactId, randomBytes(32).toString('hex'), day, overall],
      );
    }
  }

  async function outcomeCheck(
    o: Org,
    day: string,
    adopted: string,
    monthsAfter: number,
  ): Promise<void> {
    await t.db.query(
      `INSERT INTO follow_up (case_id, desk_id, kind, due_on, status, adopted, completed_at, months_after)
       SELECT id, desk_id, 'outcome_check', $2::date, 'done', $3, ($2::date + time '12:00') AT TIME ZONE 'Asia/Tokyo', $4
         FROM "case" WHERE id = $1`,
      [o.caseId, day, adopted, monthsAfter],
    );
  }

  let all: Org; // Tokyo, retail, 30 people: every kind of evidence
  let checked: Org; // Osaka, manufacturing, 200 people: adopted and confirmed by a check
  let statusOnly: Org; // adopted, nothing else
  let partial: Org; // partial, though follow-up and survey are there
  let dropped: Org; // the latest check found telework dropped
  let later: Org; // its follow-up is in FY2026 only

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
    deskStaff = await signInAs(t, 'desk_staff', 'kanto');
    expertUser = await signInAs(t, 'expert');
    expert = await makeExpert(t);

    all = await org(
      '全部商事',
      { prefectureCode: '13', industryCode: 'I', employees: 30 },
      'adopted',
    );
    await session(all, 'follow_up', '2025-10-01', 5);
    await outcomeCheck(all, '2025-11-10', 'adopted', 3);

    checked = await org(
      '確認工業',
      { prefectureCode: '27', industryCode: 'E', employees: 200 },
      'adopted',
    );
    await outcomeCheck(checked, '2025-09-01', 'adopted', 3);

    statusOnly = await org(
      '状態のみ',
      { prefectureCode: '13', industryCode: 'I', employees: 30 },
      'adopted',
    );

    partial = await org(
      '一部導入',
      { prefectureCode: '13', industryCode: 'I', employees: 30 },
      'partial',
    );
    await session(partial, 'follow_up', '2025-10-02', 5);

    dropped = await org(
      '取りやめ',
      { prefectureCode: '13', industryCode: 'G', employees: 10 },
      'adopted',
    );
    await session(dropped, 'follow_up', '2025-05-01', 2);
    await outcomeCheck(dropped, '2025-08-01', 'adopted', 3);
    await outcomeCheck(dropped, '2025-11-01', 'not_adopted', 6);

    later = await org(
      '翌年度',
      { prefectureCode: '13', industryCode: 'I', employees: 30 },
      'adopted',
    );
    await session(later, 'follow_up', '2026-05-01');
  });
  afterAll(() => t.close());

  const ids = (body: { items: { organizationId: string }[] }): string[] =>
    body.items.map((c) => c.organizationId);

  it('lists the well-evidenced organizations of a year, strongest first, with their evidence', async () => {
    const res = await operator.get('/api/awards/candidates?fiscalYear=2025').expect(200);
    const mine = ids(res.body).filter((id) =>
      [all, checked, statusOnly, partial, dropped, later].some((o) => o.id === id),
    );
    expect(mine).toEqual([all.id, checked.id]);
    const first = res.body.items.find(
      (c: { organizationId: string }) => c.organizationId === all.id,
    );
    expect(first).toMatchObject({
      prefectureCode: '13',
      deskId: 'kanto',
      industryCode: 'I',
      employees: 30,
      sizeBand: '21-50',
      teleworkStatus: 'adopted',
      facts: {
        followUpSessions: 1,
        outcomeChecksAdopted: 1,
        latestOutcomeCheck: 'adopted',
        surveysAnswered: 1,
        surveyMeanOverall: 5,
      },
      evidence: {
        items: ['status_adopted', 'follow_up_completed', 'outcome_confirmed', 'survey_positive'],
        cautions: [],
        score: 100,
        strength: 'strong',
        eligible: true,
      },
      mark: null,
      nominations: [],
    });
    // Organizations only: nothing of the contact person travels.
    expect(JSON.stringify(res.body)).not.toContain('表彰 花子');
    expect(JSON.stringify(res.body)).not.toContain('example.jp');
    const second = res.body.items.find(
      (c: { organizationId: string }) => c.organizationId === checked.id,
    );
    expect(second.evidence).toMatchObject({
      items: ['status_adopted', 'outcome_confirmed'],
      score: 55,
      strength: 'moderate',
    });
  });

  it('counts facts up to the end of the fiscal year only', async () => {
    const fy2025 = await operator.get('/api/awards/candidates?fiscalYear=2025').expect(200);
    expect(ids(fy2025.body)).not.toContain(later.id);
    const fy2026 = await operator.get('/api/awards/candidates?fiscalYear=2026').expect(200);
    expect(ids(fy2026.body)).toEqual(expect.arrayContaining([all.id, checked.id, later.id]));
    // Before any fact: nobody.
    const fy2024 = await operator.get('/api/awards/candidates?fiscalYear=2024').expect(200);
    expect(ids(fy2024.body)).not.toContain(all.id);
  });

  it('filters by desk, prefecture, size band and industry', async () => {
    const q = async (filter: string) =>
      ids(
        (await operator.get(`/api/awards/candidates?fiscalYear=2025&${filter}`).expect(200)).body,
      );
    expect(await q('deskId=kanto')).toContain(all.id);
    expect(await q('deskId=kanto')).not.toContain(checked.id);
    expect(await q('deskId=kinki')).toEqual(expect.arrayContaining([checked.id]));
    expect(await q('deskId=kinki')).not.toContain(all.id);
    expect(await q('prefectureCode=27')).toEqual([checked.id]);
    expect(await q('sizeBand=101-300')).toEqual([checked.id]);
    expect(await q('sizeBand=21-50')).toEqual([all.id]);
    expect(await q('industryCode=E')).toEqual([checked.id]);
  });

  it('names the field of a bad filter', async () => {
    const bad = await operator
      .get('/api/awards/candidates?fiscalYear=2025&sizeBand=huge')
      .expect(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'sizeBand' })]),
    );
    const noYear = await operator.get('/api/awards/candidates').expect(400);
    expect(noYear.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'fiscalYear' })]),
    );
  });

  it('lets managers mark a candidate (audited); a mark keeps a weakly evidenced one listed', async () => {
    await manager.agent
      .put('/api/awards/marks')
      .set('x-csrf-token', manager.csrf)
      .send({ organizationId: dropped.id, fiscalYear: 2025, note: '再確認する' })
      .expect(204);
    const marked = await operator
      .get('/api/awards/candidates?fiscalYear=2025&onlyMarked=true')
      .expect(200);
    expect(ids(marked.body)).toEqual([dropped.id]);
    const [manager_] = await t.db.query<{ display_name: string }[]>(
      `SELECT display_name FROM app_user WHERE id = $1`,
      [manager.user.id],
    );
    const managerName = manager_!.display_name;
    expect(marked.body.items[0]).toMatchObject({
      mark: { note: '再確認する', markedBy: managerName },
      evidence: {
        items: ['status_adopted', 'follow_up_completed'],
        cautions: ['outcome_not_adopted', 'survey_negative'],
        eligible: false,
      },
    });
    // Marks are per fiscal year.
    const other = await operator
      .get('/api/awards/candidates?fiscalYear=2026&onlyMarked=true')
      .expect(200);
    expect(ids(other.body)).toEqual([]);
    const [audit] = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'award.%' ORDER BY id`,
      [dropped.id],
    );
    expect(audit).toEqual({ action: 'award.marked' });

    await manager.delete(`/api/awards/marks/${dropped.id}/2025`).expect(204);
    await manager.delete(`/api/awards/marks/${dropped.id}/2025`).expect(404);
    const after = await operator.get('/api/awards/candidates?fiscalYear=2025').expect(200);
    expect(ids(after.body)).not.toContain(dropped.id);
  });

  it('records a nomination and its result, refusing a second one and a stale version', async () => {
    const kinds = await operator.get('/api/awards/kinds').expect(200);
    expect(kinds.body.items.map((k: { id: string }) => k.id)).toEqual(
      expect.arrayContaining(['top_runner', 'kagayaku_telework']),
    );
    const created = await manager
      .post('/api/awards/nominations', {
        organizationId: checked.id,
        awardKindId: 'top_runner',
        fiscalYear: 2025,
        nominatedOn: '2025-12-01',
      })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'nominated', decidedOn: null, version: 1 });
    const again = await manager
      .post('/api/awards/nominations', {
        organizationId: checked.id,
        awardKindId: 'top_runner',
        fiscalYear: 2025,
        nominatedOn: '2025-12-02',
      })
      .expect(409);
    expect(again.body.code).toBe('AWARD_NOMINATION_EXISTS');

    const id = created.body.id as string;
    const noDate = await manager
      .patch(`/api/awards/nominations/${id}`, { status: 'selected', version: 1 })
      .expect(400);
    expect(noDate.body.details[0]).toMatchObject({ field: 'decidedOn' });
    const early = await manager
      .patch(`/api/awards/nominations/${id}`, {
        status: 'selected',
        decidedOn: '2025-11-30',
        version: 1,
      })
      .expect(400);
    expect(early.body.details[0]).toMatchObject({ field: 'decidedOn' });
    const selected = await manager
      .patch(`/api/awards/nominations/${id}`, {
        status: 'selected',
        decidedOn: '2026-02-10',
        version: 1,
      })
      .expect(200);
    expect(selected.body).toMatchObject({
      status: 'selected',
      decidedOn: '2026-02-10',
      version: 2,
    });
    const stale = await manager
      .patch(`/api/awards/nominations/${id}`, {
        status: 'not_selected',
        decidedOn: '2026-02-10',
        version: 1,
      })
      .expect(409);
    expect(stale.body.code).toBe('AWARD_NOMINATION_VERSION_CONFLICT');

    const list = await operator.get('/api/awards/candidates?fiscalYear=2025').expect(200);
    const row = list.body.items.find(
      (c: { organizationId: string }) => c.organizationId === checked.id,
    );
    expect(row.nominations).toEqual([
      expect.objectContaining({
        awardKindId: 'top_runner',
        status: 'selected',
        nominatedOn: '2025-12-01',
      }),
    ]);

    const unknown = await manager
      .post('/api/awards/nominations', {
        organizationId: checked.id,
        awardKindId: 'no_such_award',
        fiscalYear: 2025,
        nominatedOn: '2025-12-01',
      })
      .expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'awardKindId' });
    const badDay = await manager
      .post('/api/awards/nominations', {
        organizationId: checked.id,
        awardKindId: 'kagayaku_telework',
        fiscalYear: 2025,
        nominatedOn: '2025-02-30',
      })
      .expect(400);
    expect(badDay.body.details[0]).toMatchObject({ field: 'nominatedOn' });
    await manager
      .post('/api/awards/nominations', {
        organizationId: '00000000-0000-4000-8000-000000000000',
        awardKindId: 'top_runner',
        fiscalYear: 2025,
        nominatedOn: '2025-12-01',
      })
      .expect(404);
  });

  it('lets staff read but only managers and admins write; experts read nothing', async () => {
    await deskStaff.get('/api/awards/candidates?fiscalYear=2025').expect(200);
    await expertUser.get('/api/awards/candidates?fiscalYear=2025').expect(403);
    await operator.agent
      .put('/api/awards/marks')
      .set('x-csrf-token', operator.csrf)
      .send({ organizationId: all.id, fiscalYear: 2025 })
      .expect(403);
    await deskStaff
      .post('/api/awards/nominations', {
        organizationId: all.id,
        awardKindId: 'top_runner',
        fiscalYear: 2025,
        nominatedOn: '2025-12-01',
      })
      .expect(403);
  });

  it('exports the filtered list as xlsx, audited', async () => {
    await manager.agent
      .put('/api/awards/marks')
      .set('x-csrf-token', manager.csrf)
      .send({ organizationId: all.id, fiscalYear: 2025, note: '最有力' })
      .expect(204);
    const res = await binary(
      operator.get('/api/awards/candidates/export?fiscalYear=2025&prefectureCode=13'),
    ).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/award-candidates-2025-\d{8}\.xlsx/);
    const workbook = await readWorkbook(res.body as Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('表彰候補');
    expect(sheet.getRow(1).getCell(1).value).toBe('組織名');
    const names = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      names.push(sheet.getRow(r).getCell(1).value);
    }
    expect(names).toContain(`全部商事${tag}`);
    expect(names).not.toContain(`確認工業${tag}`);
    const row = sheet.getRow(names.indexOf(`全部商事${tag}`) + 2);
    expect(row.getCell(2).value).toBe('東京都');
    expect(row.getCell(5).value).toBe(100);
    expect(row.getCell(6).value).toBe('強');
    expect(row.getCell(7).text).toContain('導入効果確認で導入を確認');
    expect(row.getCell(12).value).toBe('✓');
    expect(row.getCell(13).value).toBe('最有力');
    const [audit] = await t.db.query<{ actor_email: string }[]>(
      `SELECT actor_email FROM audit_event WHERE action = 'award.candidates_exported' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_email: operator.user.email });
  });
});
