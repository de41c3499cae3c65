import { makeUser } from './support/factories';
import { signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import { adminQuery, asOwner } from './support/test-database';

describe('audit trail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records sign-ins, failures and changes with actor, IP and a field diff', async () => {
    const admin = await signInAs(t, 'admin');
    const target = await makeUser(t);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: target.email, password: 'wrong password' })
      .expect(401);
    const { body } = await admin.get(`/api/users/${target.id}`);
    await admin
      .patch(`/api/users/${target.id}`, { displayName: '変更後', version: body.version })
      .expect(200);

    const page = await admin.get(`/api/audit?entityType=user&entityId=${target.id}`).expect(200);
    const update = page.body.items.find((e: { action: string }) => e.action === 'user.updated');
    expect(update).toMatchObject({
      actorId: admin.user.id,
      actorEmail: admin.user.email,
      changes: { displayName: { from: expect.any(String), to: '変更後' } },
    });
    expect(update.ip).toBeTruthy();
    const failures = await admin.get(`/api/audit?action=auth.login_failed`).expect(200);
    expect(
      failures.body.items.some((e: { actorEmail: string }) => e.actorEmail === target.email),
    ).toBe(true);
    const logins = await admin
      .get(`/api/audit?action=auth.login&actorId=${admin.user.id}`)
      .expect(200);
    expect(logins.body.items).toHaveLength(1);
  });

  it('finds a person’s actions by email and actions by prefix, and exports them as CSV', async () => {
    const admin = await signInAs(t, 'admin');
    const person = await signInAs(t, 'operator');
    await person.get('/api/auth/me').expect(200);
    const byEmail = await admin
      .get(`/api/audit?actorEmail=${encodeURIComponent(person.user.email.toUpperCase())}`)
      .expect(200);
    expect(byEmail.body.items.length).toBeGreaterThan(0);
    expect(byEmail.body.items.every((e: { actorId: string }) => e.actorId === person.user.id)).toBe(
      true,
    );
    const auth = await admin.get('/api/audit?action=auth.&limit=200').expect(200);
    const actions = new Set(auth.body.items.map((e: { action: string }) => e.action));
    expect(actions.has('auth.login')).toBe(true);
    expect([...actions].every((a) => (a as string).startsWith('auth.'))).toBe(true);
    // `_` is a letter here, not LIKE's any-character.
    expect((await admin.get('/api/audit?action=auth_.').expect(200)).body.items).toEqual([]);
    const bad = await admin.get('/api/audit?actorEmail=nobody').expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'actorEmail' })]);

    const csv = await admin
      .get(`/api/audit/export?actorEmail=${encodeURIComponent(person.user.email)}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{8}\.csv"/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('日時,操作者,操作,対象の種類,対象ID,IPアドレス,リクエストID,内容');
    expect(lines.length - 1).toBe(byEmail.body.items.length);
    expect(lines.slice(1).every((l) => l.includes(person.user.email))).toBe(true);
    const exported = await admin.get('/api/audit?action=audit.exported').expect(200);
    expect(exported.body.items[0]).toMatchObject({ actorId: admin.user.id });
    await person.get('/api/audit/export').expect(403);
  });

  it('pages with a cursor', async () => {
    const admin = await signInAs(t, 'admin');
    const first = await admin.get('/api/audit?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await admin
      .get(`/api/audit?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
  });

  it('cannot be altered: the API’s role lacks the privilege, and even the owner meets the trigger', async () => {
    await signInAs(t, 'operator');
    await expect(t.db.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/permission denied/);
    await adminQuery(asOwner(t.settings.databaseUrl), async (owner) => {
      await expect(owner.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    });
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login'`,
    );
    expect(n).toBeGreaterThan(0);
  });

  it('is open to admins and managers only', async () => {
    for (const role of ['operator', 'desk_staff', 'expert'] as const) {
      const session = await signInAs(t, role);
      await session.get('/api/audit').expect(403);
    }
    await (await signInAs(t, 'manager')).get('/api/audit').expect(200);
  });

  it('shows a regional manager only what their desk did', async () => {
    const kantoManager = await signInAs(t, 'manager', 'kanto');
    await signInAs(t, 'desk_staff', 'kinki');
    const page = await kantoManager.get('/api/audit?action=auth.login&limit=200').expect(200);
    const deskOf = new Map<string, string>(
      (await t.db.query(`SELECT id, desk_id FROM app_user`)).map(
        (u: { id: string; desk_id: string }) => [u.id, u.desk_id],
      ),
    );
    expect(page.body.items.length).toBeGreaterThan(0);
    for (const event of page.body.items) {
      expect(deskOf.get(event.actorId)).toBe('kanto');
    }
  });
});
