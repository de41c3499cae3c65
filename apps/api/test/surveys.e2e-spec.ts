import { SurveysService } from '../src/modules/surveys/surveys.service';
import { makeExpert, moveIntoPast, nextFreeStart } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
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
    const expert = await makeExpert(t);
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
    return id;
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
});
