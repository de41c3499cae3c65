import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('bulk case actions', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
  });
  afterAll(() => t.close());

  const intake = (who: SignedIn, subject: string) =>
    who
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: `${subject}の会社` },
        topics: ['ICT.SEC'],
        subject,
      })
      .expect(201)
      .then((r) => r.body as { id: string; version: number });

  it('assigns many cases at once, writing each timeline', async () => {
    const a = await intake(operator, '一括A');
    const b = await intake(operator, '一括B');
    const colleague = await signInAs(t, 'operator');
    const res = await operator
      .post('/api/cases/bulk', {
        ids: [a.id, b.id],
        action: 'assign',
        assigneeId: colleague.user.id,
      })
      .expect(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true },
    ]);
    const mine = await colleague.get('/api/cases?view=mine').expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );
    const events = await operator.get(`/api/cases/${a.id}/events`).expect(200);
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toContain('assigned');
  });

  it('closes through "resolved" where needed and reports each case on its own', async () => {
    const fresh = await intake(operator, '一括終了');
    const working = await intake(operator, '対応中の一括終了');
    await operator
      .post(`/api/cases/${working.id}/transitions`, { to: 'in_progress', version: working.version })
      .expect(200);
    const kantoCase = await intake(kanto, '関東の案件');
    const res = await operator
      .post('/api/cases/bulk', {
        ids: [fresh.id, working.id, kantoCase.id],
        action: 'close',
        outcome: 'unknown',
        outcomeConfirmedOn: '2026-11-20',
        note: '一括で完了',
      })
      .expect(200);
    // The operator sees every desk, so all three close.
    expect(res.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const closed = await operator.get(`/api/cases/${working.id}`).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'unknown' });

    // A desk cannot bulk-close what it cannot see: that case reports NOT_FOUND.
    const other = await intake(operator, '全国の案件');
    const mixed = await kanto
      .post('/api/cases/bulk', {
        ids: [other.id],
        action: 'close',
        outcome: 'adopted',
        outcomeConfirmedOn: '2026-11-20',
      })
      .expect(200);
    expect(mixed.body.results).toEqual([
      expect.objectContaining({ id: other.id, ok: false, code: 'NOT_FOUND' }),
    ]);
  });

  it('names missing close fields and bad ids', async () => {
    const res = await operator
      .post('/api/cases/bulk', { ids: ['nope'], action: 'close' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'ids',
      'outcome',
      'outcomeConfirmedOn',
    ]);
    const manager = await signInAs(t, 'manager');
    await manager.post('/api/cases/bulk', { ids: [], action: 'assign' }).expect(403);
  });
});
