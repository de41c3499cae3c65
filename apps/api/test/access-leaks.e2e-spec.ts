import { makeExpert, nextFreeStart } from './support/experts';
import { intakeBody, makeUser } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

interface CaseBody {
  id: string;
  version: number;
  organization: { id: string };
}

/** Issue #16 "Access rules that still leak": each rule refused before it is allowed. */
describe('access: what a desk may change, whom a case may go to, who grants', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let kinki: SignedIn;

  const intake = async (by: SignedIn): Promise<CaseBody> =>
    (await by.post('/api/cases', intakeBody()).expect(201)).body as CaseBody;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
  });
  afterAll(() => t.close());

  it('lets a desk offered a transfer read the case but change nothing until it accepts', async () => {
    const c = await intake(operator);
    await operator
      .post(`/api/cases/${c.id}/transfer`, { deskId: 'kinki', reason: '来訪希望' })
      .expect(200);
    const seen = await kinki.get(`/api/cases/${c.id}`).expect(200);
    const version = seen.body.version as number;
    const expert = await makeExpert(t);

    const attempts = [
      kinki.patch(`/api/cases/${c.id}`, { version, subject: '勝手に変更' }),
      kinki.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress', version }),
      kinki.post(`/api/cases/${c.id}/events`, { kind: 'note', body: 'メモ' }),
      kinki.post(`/api/cases/${c.id}/follow-ups`, { dueInBusinessDays: 3, note: '確認' }),
      kinki.post(`/api/cases/${c.id}/sessions`, {
        expertId: expert.id,
        kind: 'assessment',
        scheduledStart: nextFreeStart().toISOString(),
        durationMinutes: 90,
        mode: 'online',
      }),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect([res.status, res.body.code]).toEqual([403, 'TRANSFER_NOT_ACCEPTED']);
    }
    const bulk = await kinki
      .post('/api/cases/bulk', { ids: [c.id], action: 'assign', assigneeId: kinki.user.id })
      .expect(200);
    expect(bulk.body.results[0]).toMatchObject({ ok: false, code: 'TRANSFER_NOT_ACCEPTED' });
    // Nothing changed, and after accepting the desk works the case as its own.
    const after = await operator.get(`/api/cases/${c.id}`).expect(200);
    expect(after.body.version).toBe(version);
    await kinki.post(`/api/cases/${c.id}/transfer/accept`).expect(200);
    await kinki.post(`/api/cases/${c.id}/events`, { kind: 'note', body: '受け入れ後' }).expect(201);
  });

  it('assigns a case only to someone who can see it, one by one and in bulk', async () => {
    const c = await intake(kanto);
    const kinkiStaff = await makeUser(t, { role: 'desk_staff', deskId: 'kinki' });
    const refused = await kanto
      .patch(`/api/cases/${c.id}`, { version: c.version, assigneeId: kinkiStaff.id })
      .expect(400);
    expect(refused.body.details[0].field).toBe('assigneeId');
    const bulk = await kanto
      .post('/api/cases/bulk', { ids: [c.id], action: 'assign', assigneeId: kinkiStaff.id })
      .expect(200);
    expect(bulk.body.results[0]).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    // A colleague of the desk, or national-center staff, may take it.
    const colleague = await makeUser(t, { role: 'desk_staff', deskId: 'kanto' });
    await kanto
      .patch(`/api/cases/${c.id}`, { version: c.version, assigneeId: colleague.id })
      .expect(200);
    await kanto
      .patch(`/api/cases/${c.id}`, { version: c.version + 1, assigneeId: operator.user.id })
      .expect(200);
  });

  it('lets a regional manager grant sessions only to organizations with a case on their desk', async () => {
    const kantoManager = await signInAs(t, 'manager', 'kanto');
    const national = await signInAs(t, 'manager', 'national');
    const theirs = await intake(kanto);
    const elsewhere = await intake(kinki);
    const grant = (by: SignedIn, organizationId: string) =>
      by.post(`/api/organizations/${organizationId}/session-grants`, { reason: '追加支援' });
    const refused = await grant(kantoManager, elsewhere.organization.id);
    expect(refused.status).toBe(404);
    await grant(kantoManager, theirs.organization.id).expect(201);
    await grant(national, elsewhere.organization.id).expect(201);
  });
});
