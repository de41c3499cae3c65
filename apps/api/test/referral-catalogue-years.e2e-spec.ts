import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

interface Program {
  id: string;
  code: string;
  fiscalYear: number;
  url: string | null;
  owner: string | null;
  active: boolean;
}

describe('referral catalogue per fiscal year', () => {
  let t: TestApp;
  let admin: SignedIn;
  let manager: SignedIn;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, 'admin');
    manager = await signInAs(t, 'manager');
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const programs = async (fiscalYear: number): Promise<Program[]> =>
    (
      await admin
        .get(`/api/referral-programs?fiscalYear=${fiscalYear}&includeInactive=true`)
        .expect(200)
    ).body.items as Program[];

  it('is seeded with the programs of the domain reference and the telework portal', async () => {
    const seeded = await programs(2026);
    expect(seeded.map((p) => p.code).sort()).toEqual(
      [
        'mhlw.hatarakikata-center',
        'mhlw.jinzai-kakuho.telework',
        'mhlw.kagayaku-telework',
        'mhlw.telework-guideline',
        'mic.security-guideline',
        'mic.top-runner',
        'telework-portal',
        'tokyo.hands-on',
        'tokyo.promotion-center',
        'tokyo.ryoritsu',
        'tokyo.telework-sokushin',
      ].sort(),
    );
    expect(seeded.find((p) => p.code === 'telework-portal')).toMatchObject({
      url: 'https://telework.mhlw.go.jp/',
      active: true,
    });
  });

  it('keeps an owner per program version, audited', async () => {
    const [sokushin] = (await programs(2026)).filter((p) => p.code === 'tokyo.telework-sokushin');
    const patched = await admin
      .patch(`/api/referral-programs/${sokushin!.id}`, {
        owner: '東京しごと財団',
        url: 'https://example.jp/sokushin-2026',
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      owner: '東京しごと財団',
      url: 'https://example.jp/sokushin-2026',
    });
    const [audit] = await t.db.query<{ changes: Record<string, unknown> }[]>(
      `SELECT changes FROM audit_event WHERE entity_id = $1 AND action = 'referral_program.updated'`,
      [sokushin!.id],
    );
    expect(audit!.changes).toMatchObject({ owner: { from: null, to: '東京しごと財団' } });
    const bad = await admin
      .patch(`/api/referral-programs/${sokushin!.id}`, { owner: 'x'.repeat(201), url: 'ftp://x' })
      .expect(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'owner',
      'url',
    ]);
  });

  it('copies a fiscal year forward once; a second copy is refused unless merging', async () => {
    // A retired program stays behind.
    const [hands] = (await programs(2026)).filter((p) => p.code === 'tokyo.hands-on');
    await admin.patch(`/api/referral-programs/${hands!.id}`, { active: false }).expect(200);

    const copied = await admin
      .post('/api/referral-programs/copy-year', { fromFiscalYear: 2026, toFiscalYear: 2027 })
      .expect(200);
    const created = copied.body.created as Program[];
    expect(created).toHaveLength(10);
    expect(copied.body.skipped).toEqual([]);
    expect(created.map((p) => p.code)).not.toContain('tokyo.hands-on');
    expect(created.find((p) => p.code === 'tokyo.telework-sokushin')).toMatchObject({
      fiscalYear: 2027,
      owner: '東京しごと財団',
      url: 'https://example.jp/sokushin-2026',
      active: true,
    });
    expect(await programs(2027)).toHaveLength(10);

    const again = await admin
      .post('/api/referral-programs/copy-year', { fromFiscalYear: 2026, toFiscalYear: 2027 })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'REFERRAL_YEAR_NOT_EMPTY', existing: 10 });

    // Merging brings over only what the target lacks, and twice is the same as once.
    await admin.patch(`/api/referral-programs/${hands!.id}`, { active: true }).expect(200);
    const merged = await admin
      .post('/api/referral-programs/copy-year', {
        fromFiscalYear: 2026,
        toFiscalYear: 2027,
        merge: true,
      })
      .expect(200);
    expect((merged.body.created as Program[]).map((p) => p.code)).toEqual(['tokyo.hands-on']);
    expect(merged.body.skipped).toHaveLength(10);
    const twice = await admin
      .post('/api/referral-programs/copy-year', {
        fromFiscalYear: 2026,
        toFiscalYear: 2027,
        merge: true,
      })
      .expect(200);
    expect(twice.body.created).toEqual([]);
    expect(await programs(2027)).toHaveLength(11);

    const audits = await t.db.query<{ meta: { created: string[] } }[]>(
      `SELECT meta FROM audit_event WHERE action = 'referral_program.year_copied' ORDER BY id`,
    );
    expect(audits.map((a) => a.meta.created.length)).toEqual([10, 1, 0]);
  });

  it('refuses bad copies with the field named, and non-admins', async () => {
    const same = await admin
      .post('/api/referral-programs/copy-year', { fromFiscalYear: 2026, toFiscalYear: 2026 })
      .expect(400);
    expect(same.body.details[0].field).toBe('toFiscalYear');
    const empty = await admin
      .post('/api/referral-programs/copy-year', { fromFiscalYear: 2019, toFiscalYear: 2020 })
      .expect(400);
    expect(empty.body.details[0].field).toBe('fromFiscalYear');
    const bad = await admin
      .post('/api/referral-programs/copy-year', { fromFiscalYear: 'x', toFiscalYear: 1999 })
      .expect(400);
    expect(
      [...new Set((bad.body.details as { field: string }[]).map((d) => d.field))].sort(),
    ).toEqual(['fromFiscalYear', 'toFiscalYear']);
    for (const who of [manager, operator]) {
      await who
        .post('/api/referral-programs/copy-year', { fromFiscalYear: 2026, toFiscalYear: 2028 })
        .expect(403);
    }
  });
});
