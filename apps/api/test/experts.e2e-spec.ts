import { makeUser } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('experts', () => {
  let t: TestApp;
  let admin: SignedIn;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, 'admin', 'national');
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const profile = (userId: string, overrides: Record<string, unknown> = {}) => ({
    userId,
    qualifications: ['sharoushi'],
    specialties: ['LAB.TIME', 'LAB.RULES'],
    prefectures: ['13', '14'],
    capacityPerMonth: 6,
    ...overrides,
  });

  it('lets an admin create a profile for an expert user, once, audited', async () => {
    const user = await makeUser(t, { role: 'expert', deskId: null });
    const res = await admin.post('/api/experts', profile(user.id)).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      userId: user.id,
      name: expect.stringMatching(/^Test expert/),
      email: user.email,
      qualifications: ['sharoushi'],
      specialties: ['LAB.TIME', 'LAB.RULES'],
      prefectures: ['13', '14'],
      capacityPerMonth: 6,
      active: true,
      version: 1,
    });
    const again = await admin.post('/api/experts', profile(user.id)).expect(409);
    expect(again.body).toMatchObject({ code: 'EXPERT_PROFILE_EXISTS', existingId: res.body.id });
    const audit = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_id = $1`,
      [res.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['expert.created']);
    await operator.post('/api/experts', profile(user.id)).expect(403);
  });

  it('answers 400 naming the field for a non-expert user or unknown codes', async () => {
    const staff = await makeUser(t, { role: 'operator' });
    const res = await admin.post('/api/experts', profile(staff.id)).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'userId' })]);
    const expert = await makeUser(t, { role: 'expert', deskId: null });
    const bad = await admin
      .post(
        '/api/experts',
        profile(expert.id, {
          qualifications: ['wizard'],
          specialties: ['LAB.NOPE'],
          prefectures: ['48'],
          capacityPerMonth: -1,
        }),
      )
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'capacityPerMonth',
      'prefectures',
      'qualifications',
      'specialties',
    ]);
  });

  it('edits a profile with the version the client saw', async () => {
    const user = await makeUser(t, { role: 'expert', deskId: null });
    const created = await admin.post('/api/experts', profile(user.id)).expect(201);
    const updated = await admin
      .patch(`/api/experts/${created.body.id}`, {
        version: 1,
        specialties: ['ICT.SEC'],
        active: false,
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      specialties: ['ICT.SEC'],
      prefectures: ['13', '14'],
      active: false,
      version: 2,
    });
    const stale = await admin
      .patch(`/api/experts/${created.body.id}`, { version: 1, capacityPerMonth: 3 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'EXPERT_VERSION_CONFLICT', currentVersion: 2 });
    await operator.patch(`/api/experts/${created.body.id}`, { version: 2 }).expect(403);
  });

  it('lists experts by topic, category, prefecture, active and name for the desks', async () => {
    const make = async (overrides: Record<string, unknown>) => {
      const user = await makeUser(t, { role: 'expert', deskId: null });
      return (await admin.post('/api/experts', profile(user.id, overrides)).expect(201)).body as {
        id: string;
        email: string;
      };
    };
    const ict = await make({ specialties: ['ICT.NET'], prefectures: ['27'] });
    const lab = await make({ specialties: ['LAB.OSH'], prefectures: ['01'] });
    const off = await make({ specialties: ['ICT.NET'], prefectures: ['27'], active: false });
    const ids = async (query: string) =>
      ((await operator.get(`/api/experts${query}`).expect(200)).body.items as { id: string }[]).map(
        (e) => e.id,
      );

    expect(await ids('?topic=ICT.NET')).toEqual(expect.arrayContaining([ict.id, off.id]));
    expect(await ids('?topic=ICT.NET')).not.toContain(lab.id);
    expect(await ids('?topic=ICT.NET&active=true')).not.toContain(off.id);
    expect(await ids('?topic=ICT&prefectureCode=27&active=false')).toEqual([off.id]);
    expect(await ids('?prefectureCode=01')).toEqual([lab.id]);
    expect(await ids(`?q=${encodeURIComponent(lab.email)}`)).toEqual([lab.id]);
    await operator.get('/api/experts?topic=XYZ').expect(400);
    await operator.get(`/api/experts/${lab.id}`).expect(200);
    for (const role of ['desk_staff', 'manager'] as const) {
      const reader = await signInAs(t, role, role === 'desk_staff' ? 'kanto' : 'national');
      await reader.get('/api/experts').expect(200);
    }
    const expert = await signInAs(t, 'expert', null);
    await expert.get('/api/experts').expect(403);
    await expert.get('/api/experts/me').expect(404);
  });
});
