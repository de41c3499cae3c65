import { SurveysService } from '../src/modules/surveys/surveys.service';
import { binary, readWorkbook } from './support/binary';
import { type TestExpert, makeExpert, moveIntoPast, nextFreeStart } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

const report = {
  findings: '紙の申請が多い。',
  recommendations: '規程を整える。',
  nextSteps: '棚卸しをする。',
  minutesSpent: 90,
  honorariumYen: 30000,
};

describe('satisfaction surveys after expert sessions', () => {
  let t: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ SURVEY_DELAY_HOURS: '0' });
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  /** A completed session on a case whose contact has this address. */
  async function completedSession(email: string, kind = 'assessment'): Promise<string> {
    return (await completed(email, kind)).sessionId;
  }

  async function completed(
    email: string,
    kind = 'assessment',
    expert?: TestExpert,
  ): Promise<{ sessionId: string; caseId: string; expert: TestExpert }> {
    expert ??= await makeExpert(t);
    const created = await operator
      .post(
        '/api/cases',
        intakeBody({
          organization: { name: `アンケート商事${Date.now()}${Math.random()}` },
          contact: { name: '回答 太郎', email },
        }),
      )
      .expect(201);
    const session = await operator
      .post(`/api/cases/${created.body.id as string}/sessions`, {
        expertId: expert.id,
        kind,
        scheduledStart: nextFreeStart().toISOString(),
        durationMinutes: 90,
        mode: 'online',
      })
      .expect(201);
    const id = session.body.id as string;
    await moveIntoPast(t, id);
    const done = await operator.post(`/api/sessions/${id}/complete`, report);
    expect(done.body).toMatchObject({ status: 'completed' });
    return { sessionId: id, caseId: created.body.id as string, expert };
  }

  const linkFor = async (sessionId: string, kind: string): Promise<string> => {
    const [mail] = await t.db.query<{ body: string }[]>(
      `SELECT m.body FROM outbound_mail m JOIN satisfaction_survey v ON v.case_id = m.case_id
        WHERE v.session_id = $1 AND m.kind = $2 ORDER BY m.id DESC LIMIT 1`,
      [sessionId, kind],
    );
    const link = /http:\/\/localhost:3000(\/survey\/[A-Za-z0-9_-]+)/.exec(mail!.body)?.[1];
    expect(link).toBeDefined();
    return link!;
  };

  it('mails a link after the session; it works once, without sign-in, and the answer shows on the session', async () => {
    const sessionId = await completedSession(`survey@first-${Date.now()}.example.jp`);
    const service = t.app.get(SurveysService);
    expect((await service.run()).invited).toBeGreaterThanOrEqual(1);
    // Once per session, whoever runs the job again.
    expect((await service.run()).invited).toBe(0);
    const link = await linkFor(sessionId, 'survey_invitation');
    const token = link.split('/').pop()!;

    const form = await t.http().get(link).expect(200);
    expect(form.text).toContain('相談全体の満足度');
    expect(form.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(form.headers['set-cookie']).toBeUndefined();

    const invalid = await t
      .http()
      .post(`/api/public/surveys/${token}`)
      .send({ overall: 9, usefulness: 4 })
      .expect(400);
    expect(invalid.body.details[0].field).toBe('overall');

    const thanks = await t
      .http()
      .post(`/api/public/surveys/${token}`)
      .type('form')
      .send(
        'overall=5&usefulness=4&teleworkIntent=introduce&comment=%E8%89%AF%E3%81%8B%E3%81%A3%E3%81%9F',
      )
      .expect(200);
    expect(thanks.text).toContain('ご回答ありがとうございました');

    const again = await t
      .http()
      .post(`/api/public/surveys/${token}`)
      .send({ overall: 1, usefulness: 1 })
      .expect(409);
    expect(again.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    await t.http().get(link).expect(409);

    const shown = await operator.get(`/api/sessions/${sessionId}/survey`).expect(200);
    expect(shown.body).toMatchObject({
      status: 'answered',
      overall: 5,
      usefulness: 4,
      teleworkIntent: 'introduce',
      comment: '良かった',
    });
  });

  it('reminds once after 7 days with the same link, and closes after 30 days', async () => {
    const sessionId = await completedSession(`late@second-${Date.now()}.example.jp`, 'preparation');
    const service = t.app.get(SurveysService);
    await service.run();
    const link = await linkFor(sessionId, 'survey_invitation');
    await t.db.query(
      `UPDATE satisfaction_survey SET invited_at = now() - interval '8 days' WHERE session_id = $1`,
      [sessionId],
    );
    expect((await service.run()).reminded).toBe(1);
    expect((await service.run()).reminded).toBe(0);
    expect(await linkFor(sessionId, 'survey_reminder')).toBe(link);

    await t.db.query(
      `UPDATE satisfaction_survey SET expires_at = now() - interval '1 second' WHERE session_id = $1`,
      [sessionId],
    );
    await t.http().get(link).expect(404);
    const closed = await t
      .http()
      .post(`/api/public/surveys/${link.split('/').pop()!}`)
      .send({ overall: 3, usefulness: 3 })
      .expect(404);
    expect(closed.body.code).toBe('NOT_FOUND');
    await t.http().get('/survey/not-a-real-token-at-all-xxxxxxxx').expect(404);
  });

  it('does not survey a contact who declined to be contacted', async () => {
    const email = `declined@third-${Date.now()}.example.jp`;
    const sessionId = await completedSession(email);
    await t.db.query(`UPDATE contact SET contact_consent = false WHERE email = $1`, [email]);
    await t.app.get(SurveysService).run();
    await operator.get(`/api/sessions/${sessionId}/survey`).expect(404);
  });

  const tokenOf = async (sessionId: string): Promise<string> =>
    (await linkFor(sessionId, 'survey_invitation')).split('/').pop()!;

  const surveyIdOf = async (sessionId: string): Promise<string> => {
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM satisfaction_survey WHERE session_id = $1`,
      [sessionId],
    );
    return row!.id;
  };

  describe('the report', () => {
    it('gives response rate and scores by desk, expert, kind and fiscal year, in the reader’s scope', async () => {
      const expertA = await makeExpert(t);
      const expertB = await makeExpert(t);
      const a1 = await completed(`r1@report-${Date.now()}.example.jp`, 'assessment', expertA);
      const a2 = await completed(`r2@report-${Date.now()}.example.jp`, 'preparation', expertA);
      const b1 = await completed(`r3@report-${Date.now()}.example.jp`, 'assessment', expertB);
      await t.app.get(SurveysService).run();
      const answer = async (sessionId: string, body: object): Promise<void> => {
        await t
          .http()
          .post(`/api/public/surveys/${await tokenOf(sessionId)}`)
          .send(body)
          .expect(204);
      };
      await answer(a1.sessionId, { overall: 5, usefulness: 4, teleworkIntent: 'introduce' });
      await answer(a2.sessionId, { overall: 2, usefulness: 3, teleworkIntent: 'no' });
      // b1 is left unanswered.

      const manager = await signInAs(t, 'manager');
      const res = await manager.get('/api/reports/surveys').expect(200);
      const byExpert = new Map(
        (res.body.byExpert as { key: string }[]).map((r) => [r.key, r] as const),
      );
      expect(byExpert.get(expertA.id)).toMatchObject({
        sent: 2,
        answered: 2,
        responseRatePercent: 100,
        meanOverall: 3.5,
        meanUsefulness: 3.5,
        intendingPercent: 50,
        name: expect.any(String),
      });
      expect(byExpert.get(expertB.id)).toMatchObject({
        sent: 1,
        answered: 0,
        responseRatePercent: 0,
        meanOverall: null,
        intendingPercent: null,
      });
      const sum = (rows: { sent: number }[]): number => rows.reduce((n, r) => n + r.sent, 0);
      // Every dimension adds up to the same surveys.
      expect(sum(res.body.byDesk)).toBe(res.body.total.sent);
      expect(sum(res.body.byKind)).toBe(res.body.total.sent);
      expect(sum(res.body.byFiscalYear)).toBe(res.body.total.sent);
      expect(res.body.byKind.map((r: { key: string }) => r.key)).toEqual(
        expect.arrayContaining(['assessment', 'preparation']),
      );
      const [fy] = await t.db.query<{ fiscal_year: number }[]>(
        `SELECT fiscal_year FROM expert_session WHERE id = $1`,
        [b1.sessionId],
      );
      expect(res.body.byFiscalYear.map((r: { key: string }) => r.key)).toContain(
        String(fy!.fiscal_year),
      );

      // A regional manager sees their desk's cases only: none of these national ones.
      const kanto = await signInAs(t, 'manager', 'kanto');
      const theirs = await kanto.get('/api/reports/surveys').expect(200);
      expect(theirs.body.byExpert.map((r: { key: string }) => r.key)).not.toContain(expertA.id);
      await operator.get('/api/reports/surveys').expect(403);
      const bad = await manager.get('/api/reports/surveys?from=2026-02-30').expect(400);
      expect(bad.body.details[0].field).toBe('from');

      // The CSV and the results workbook carry the same figures.
      const csv = await manager.get('/api/reports/surveys?format=csv').expect(200);
      expect(csv.text).toContain('回答率(%),満足度(平均),役立ち度(平均),導入・拡大予定(%)');
      const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
      const xlsx = await binary(manager.get(`/api/reports/results.xlsx?period=${month}`)).expect(
        200,
      );
      const workbook = await readWorkbook(xlsx.body as Buffer);
      const sheet = workbook.getWorksheet('満足度アンケート');
      expect(sheet).toBeDefined();
      const header = sheet!.getRow(4).values as unknown[];
      expect(header).toEqual(expect.arrayContaining(['送付数', '回答数', '満足度(平均)']));
    });
  });

  describe('who has not answered, and resending', () => {
    it('lists unanswered surveys by desk, expert and fiscal year; resends the same link, audited', async () => {
      const expert = await makeExpert(t);
      const open = await completed(`open@list-${Date.now()}.example.jp`, 'assessment', expert);
      const done = await completed(`done@list-${Date.now()}.example.jp`, 'preparation', expert);
      await t.app.get(SurveysService).run();
      await t
        .http()
        .post(`/api/public/surveys/${await tokenOf(done.sessionId)}`)
        .send({ overall: 4, usefulness: 4 })
        .expect(204);

      const list = await operator.get(`/api/surveys/unanswered?expertId=${expert.id}`).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        sessionId: open.sessionId,
        caseId: open.caseId,
        status: 'invited',
        resentAt: null,
        contactOptedOut: false,
        expertId: expert.id,
      });
      const { deskId, fiscalYear } = list.body.items[0] as { deskId: string; fiscalYear: number };
      const filtered = await operator
        .get(
          `/api/surveys/unanswered?expertId=${expert.id}&deskId=${deskId}&fiscalYear=${fiscalYear}`,
        )
        .expect(200);
      expect(filtered.body.items).toHaveLength(1);
      const otherYear = await operator
        .get(`/api/surveys/unanswered?expertId=${expert.id}&fiscalYear=${fiscalYear - 1}`)
        .expect(200);
      expect(otherYear.body.items).toHaveLength(0);
      const bad = await operator.get('/api/surveys/unanswered?fiscalYear=soon').expect(400);
      expect(bad.body.details[0].field).toBe('fiscalYear');
      // Experts follow their own sessions, not the desk's list.
      await (await signIn(t, expert.user)).get('/api/surveys/unanswered').expect(403);

      const id = list.body.items[0].id as string;
      const link = await linkFor(open.sessionId, 'survey_invitation');
      const resent = await operator.post(`/api/surveys/${id}/resend`).expect(200);
      expect(Date.parse(resent.body.resentAt as string)).not.toBeNaN();
      expect(await linkFor(open.sessionId, 'survey_resent')).toBe(link);
      const [audit] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'survey.resent' AND entity_id = $1`,
        [id],
      );
      expect(audit!.n).toBe(1);

      const answered = await operator
        .post(`/api/surveys/${await surveyIdOf(done.sessionId)}/resend`)
        .expect(409);
      expect(answered.body.code).toBe('SURVEY_ALREADY_ANSWERED');
      await t.db.query(
        `UPDATE satisfaction_survey SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [id],
      );
      const expired = await operator.post(`/api/surveys/${id}/resend`).expect(409);
      expect(expired.body.code).toBe('SURVEY_EXPIRED');
      const stillListed = await operator
        .get(`/api/surveys/unanswered?expertId=${expert.id}`)
        .expect(200);
      expect(stillListed.body.items[0]).toMatchObject({ status: 'expired' });

      // Out of a regional desk's scope it does not exist.
      const kanto = await signInAs(t, 'desk_staff', 'kanto');
      await kanto.post(`/api/surveys/${id}/resend`).expect(404);
      const theirs = await kanto.get(`/api/surveys/unanswered?expertId=${expert.id}`).expect(200);
      expect(theirs.body.items).toHaveLength(0);
    });

    it('shows the answers on the case to staff, and to the expert only for their own session', async () => {
      const mine = await completed(`case@answers-${Date.now()}.example.jp`);
      await t.app.get(SurveysService).run();
      await t
        .http()
        .post(`/api/public/surveys/${await tokenOf(mine.sessionId)}`)
        .send({ overall: 3, usefulness: 5, teleworkIntent: 'extend', comment: '参考になった' })
        .expect(204);
      const staff = await operator.get(`/api/cases/${mine.caseId}/surveys`).expect(200);
      expect(staff.body.items).toEqual([
        expect.objectContaining({
          sessionId: mine.sessionId,
          status: 'answered',
          overall: 3,
          usefulness: 5,
          teleworkIntent: 'extend',
          comment: '参考になった',
          contactOptedOut: false,
        }),
      ]);
      const expert = await signIn(t, mine.expert.user);
      const own = await expert.get(`/api/sessions/${mine.sessionId}/survey`).expect(200);
      expect(own.body.overall).toBe(3);
      const colleague = await signIn(t, (await makeExpert(t)).user);
      await colleague.get(`/api/sessions/${mine.sessionId}/survey`).expect(404);
      const none = await colleague.get(`/api/cases/${mine.caseId}/surveys`).expect(200);
      expect(none.body.items).toEqual([]);
    });
  });

  describe('opting out', () => {
    it('stops reminders and later surveys to the contact, shows it to staff, and refuses a resend', async () => {
      const email = `optout@fourth-${Date.now()}.example.jp`;
      const first = await completed(email);
      const service = t.app.get(SurveysService);
      await service.run();
      const link = await linkFor(first.sessionId, 'survey_invitation');
      const mail = await t.db.query<{ body: string }[]>(
        `SELECT body FROM outbound_mail WHERE case_id = $1 AND kind = 'survey_invitation'`,
        [first.caseId],
      );
      expect(mail[0]!.body).toContain(`${link}/opt-out`);
      const page = await t.http().get(link).expect(200);
      expect(page.text).toContain(`${link.replace('http://localhost:3000', '')}/opt-out`);

      // Following the link only asks: a mail scanner fetching it opts no one out.
      const ask = await t.http().get(`${link}/opt-out`).expect(200);
      expect(ask.text).toContain('送付を停止する');
      expect(ask.headers['content-security-policy']).not.toContain('unsafe-inline');
      const [before] = await t.db.query<{ at: Date | null }[]>(
        `SELECT survey_opt_out_at AS at FROM contact WHERE email = $1`,
        [email],
      );
      expect(before!.at).toBeNull();

      const token = link.split('/').pop()!;
      const done = await t
        .http()
        .post(`/api/public/surveys/${token}/opt-out`)
        .type('form')
        .send('')
        .expect(200);
      expect(done.text).toContain('停止しました');
      // Again is harmless; an unknown link is not found.
      await t.http().post(`/api/public/surveys/${token}/opt-out`).send({}).expect(204);
      await t
        .http()
        .post('/api/public/surveys/not-a-real-token-at-all-xxxxxxxx/opt-out')
        .send({})
        .expect(404);

      // No reminder, even when it is due.
      await t.db.query(
        `UPDATE satisfaction_survey SET invited_at = now() - interval '8 days' WHERE session_id = $1`,
        [first.sessionId],
      );
      expect((await service.run()).reminded).toBe(0);

      // Staff see it: on the survey, in the list, on the contact; a resend is refused.
      const shown = await operator.get(`/api/cases/${first.caseId}/surveys`).expect(200);
      expect(shown.body.items[0].contactOptedOut).toBe(true);
      const listed = await operator
        .get(`/api/surveys/unanswered?expertId=${first.expert.id}`)
        .expect(200);
      expect(listed.body.items[0].contactOptedOut).toBe(true);
      const theCase = await operator.get(`/api/cases/${first.caseId}`).expect(200);
      expect(Date.parse(theCase.body.contact.surveyOptOutAt as string)).not.toBeNaN();
      const refused = await operator
        .post(`/api/surveys/${await surveyIdOf(first.sessionId)}/resend`)
        .expect(409);
      expect(refused.body.code).toBe('SURVEY_OPTED_OUT');
      const [audit] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event
          WHERE action = 'contact.survey_opted_out' AND entity_id = $1`,
        [theCase.body.contact.id],
      );
      expect(audit!.n).toBe(1);

      // A later session of the same contact gets no survey.
      const second = await operator
        .post(`/api/cases/${first.caseId}/sessions`, {
          expertId: first.expert.id,
          kind: 'preparation',
          scheduledStart: nextFreeStart().toISOString(),
          durationMinutes: 90,
          mode: 'online',
        })
        .expect(201);
      await moveIntoPast(t, second.body.id as string);
      const closed = await operator.post(
        `/api/sessions/${second.body.id as string}/complete`,
        report,
      );
      expect(closed.body).toMatchObject({ status: 'completed' });
      await service.run();
      await operator.get(`/api/sessions/${second.body.id as string}/survey`).expect(404);
    });
  });
});
