import { DataSource } from 'typeorm';
import { duplicateCheck } from '../src/modules/organizations/organizations.repository';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/** One organization, one allowance: a likely duplicate is never created silently. */
describe('possible duplicate organizations', () => {
  let t: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const intakeBody = (organization: object, contact: object = { name: '担当 太郎' }) => ({
    channel: 'phone',
    organization,
    contact,
    topics: ['LAB.TIME'],
    subject: '就業規則の相談',
  });

  it('refuses a new organization whose normalised name exists in the same prefecture, naming the candidate', async () => {
    const first = await operator
      .post('/api/organizations', { name: '株式会社ミナト商事', prefectureCode: '13' })
      .expect(201);
    const res = await operator
      .post('/api/organizations', { name: 'ﾐﾅﾄ商事(株)', prefectureCode: '13' })
      .expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      code: 'ORGANIZATION_POSSIBLE_DUPLICATE',
      details: {
        candidates: [
          {
            id: first.body.id,
            name: '株式会社ミナト商事',
            prefectureCode: '13',
            corporateNumber: null,
            matchedOn: ['name'],
          },
        ],
      },
    });
    // The same name in another prefecture is another organization.
    await operator
      .post('/api/organizations', { name: '㈱ミナト商事', prefectureCode: '27' })
      .expect(201);
  });

  it('answers the same from intake, and creates nothing', async () => {
    const first = await operator
      .post('/api/cases', intakeBody({ name: '港湾テレワーク株式会社', prefectureCode: '14' }))
      .expect(201);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
    const res = await operator
      .post('/api/cases', intakeBody({ name: '港湾テレワーク（株）', prefectureCode: '14' }))
      .expect(409);
    expect(res.body.code).toBe('ORGANIZATION_POSSIBLE_DUPLICATE');
    expect(res.body.details.candidates[0]).toMatchObject({
      id: first.body.organization.id,
      matchedOn: ['name'],
    });
    const after = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('matches on a phone of the organization or of a contact, and on a company mail domain', async () => {
    const first = await operator
      .post(
        '/api/cases',
        intakeBody(
          { name: '北斗精機株式会社', prefectureCode: '01', phone: '011-222-3333' },
          { name: '佐藤 花子', phone: '090-1111-2222', email: 'sato@hokuto-seiki.example.jp' },
        ),
      )
      .expect(201);
    const byPhone = await operator
      .post('/api/organizations', { name: '北斗精機販売', phone: '0112223333' })
      .expect(409);
    expect(byPhone.body.details.candidates[0]).toMatchObject({
      id: first.body.organization.id,
      matchedOn: ['phone'],
    });
    const byContactPhone = await operator
      .post('/api/cases', intakeBody({ name: '別会社A' }, { name: '佐藤', phone: '09011112222' }))
      .expect(409);
    expect(byContactPhone.body.details.candidates[0].matchedOn).toEqual(['phone']);
    const byDomain = await operator
      .post(
        '/api/cases',
        intakeBody({ name: '別会社B' }, { name: '鈴木', email: 'suzuki@hokuto-seiki.example.jp' }),
      )
      .expect(409);
    expect(byDomain.body.details.candidates[0].matchedOn).toEqual(['email_domain']);
    // Free mail says nothing about the organization.
    await operator
      .post('/api/cases', intakeBody({ name: '別会社C' }, { name: '田中', email: 'x@gmail.com' }))
      .expect(201);
    await operator
      .post('/api/cases', intakeBody({ name: '別会社D' }, { name: '中村', email: 'y@gmail.com' }))
      .expect(201);
  });

  it('names each rule a candidate matches once, in the rules’ order, most rules first', async () => {
    const override = { duplicateOverrideReason: '別法人(確認済み)' };
    const first = await operator
      .post(
        '/api/cases',
        intakeBody(
          { name: '南風電機株式会社', prefectureCode: '40', phone: '092-111-0001' },
          { name: '南 一郎', phone: '090-5555-0001', email: 'minami@haebaru-denki.example.jp' },
        ),
      )
      .expect(201);
    const sameName = await operator
      .post('/api/organizations', { name: '南風電機（株）', prefectureCode: '40', ...override })
      .expect(201);
    const contactsNumber = await operator
      .post('/api/organizations', { name: '北風商店', phone: '09055550001', ...override })
      .expect(201);
    // The same name in another prefecture is not a candidate.
    await operator
      .post('/api/organizations', { name: '南風電機株式会社', prefectureCode: '13' })
      .expect(201);
    const probe = await operator
      .post(
        '/api/cases',
        intakeBody(
          { name: '南風電機', prefectureCode: '40', phone: '092-111-0001' },
          { name: '風 花子', phone: '090-5555-0001', email: 'kaze@haebaru-denki.example.jp' },
        ),
      )
      .expect(409);
    const candidates = probe.body.details.candidates as { id: string; matchedOn: string[] }[];
    // The first organization's number is its own and its contact's: one 'phone'.
    expect(candidates[0]).toMatchObject({
      id: first.body.organization.id,
      matchedOn: ['name', 'phone', 'email_domain'],
    });
    expect(candidates.slice(1).map((c) => [c.id, c.matchedOn])).toEqual(
      expect.arrayContaining([
        [sameName.body.id, ['name']],
        [contactsNumber.body.id, ['phone']],
      ]),
    );
    expect(candidates.map((c) => c.id).sort()).toEqual(
      [first.body.organization.id, sameName.body.id, contactsNumber.body.id].sort(),
    );
  });

  it('creates the organization anyway with a reason, which is stored, shown and audited', async () => {
    await operator
      .post('/api/organizations', { name: '有限会社さくら工房', prefectureCode: '26' })
      .expect(201);
    const res = await operator
      .post('/api/organizations', {
        name: 'さくら工房',
        prefectureCode: '26',
        duplicateOverrideReason: '同名の別法人(代表者に確認済み)',
      })
      .expect(201);
    expect(res.body.duplicateOverrideReason).toBe('同名の別法人(代表者に確認済み)');
    const got = await operator.get(`/api/organizations/${res.body.id}`).expect(200);
    expect(got.body.duplicateOverrideReason).toBe('同名の別法人(代表者に確認済み)');
    const [audit] = await t.db.query(
      `SELECT meta FROM audit_event WHERE action = 'organization.created' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.meta).toMatchObject({ duplicateOverrideReason: '同名の別法人(代表者に確認済み)' });

    const viaIntake = await operator
      .post(
        '/api/cases',
        intakeBody({
          name: 'さくら工房',
          prefectureCode: '26',
          duplicateOverrideReason: '三つ目の同名法人',
        }),
      )
      .expect(201);
    expect(viaIntake.body.organization.duplicateOverrideReason).toBe('三つ目の同名法人');
  });

  it('never lets a reason override a registered corporate number', async () => {
    await operator
      .post('/api/organizations', { name: '法人番号テスト', corporateNumber: '2120901007402' })
      .expect(201);
    const res = await operator
      .post('/api/organizations', {
        name: '別名',
        corporateNumber: '2120901007402',
        duplicateOverrideReason: 'x',
      })
      .expect(409);
    expect(res.body.code).toBe('ORGANIZATION_DUPLICATE');
  });

  it('refuses a blank or overlong override reason naming the field', async () => {
    const blank = await operator
      .post('/api/organizations', { name: 'X社', duplicateOverrideReason: '  ' })
      .expect(400);
    expect(blank.body.details[0].field).toBe('duplicateOverrideReason');
    const long = await operator
      .post('/api/cases', intakeBody({ name: 'Y社', duplicateOverrideReason: 'あ'.repeat(1001) }))
      .expect(400);
    expect(long.body.details[0].field).toBe('organization.duplicateOverrideReason');
  });

  it('lets two intakes racing with the same new organization create it once', async () => {
    const body = (n: number) => ({
      ...intakeBody({ name: `同時受付テスト株式会社`, prefectureCode: '23' }),
      subject: `同時${n}`,
    });
    for (let round = 0; round < 3; round += 1) {
      const name = `同時受付テスト${round}株式会社`;
      const results = await Promise.all(
        [0, 1, 2, 3].map((n) =>
          operator.post('/api/cases', {
            ...body(n),
            organization: { name, prefectureCode: '23' },
          }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      const rows = await t.db.query(
        `SELECT count(*)::int AS n FROM organization WHERE name = $1 AND merged_into IS NULL`,
        [name],
      );
      expect(rows[0].n).toBe(1);
    }
  });
  it('looks every key up in an index, the corporate number too (no scan of all organizations)', async () => {
    // The statement casts its parameters to text; a char(13) column compared with text, or a
    // lookup without the partial unique index's condition, cannot use that index, and the check
    // then reads every organization on every intake (300 ms at 300,000 organizations).
    const plan = await t.app.get(DataSource).transaction(async (db) => {
      await db.query(`SET LOCAL enable_seqscan = off`);
      const check = duplicateCheck({
        nameKey: '重複検査商事',
        prefectureCode: '13',
        phones: ['+81312345678', '+819012345678'],
        emailDomain: 'kensa.example.co.jp',
        corporateNumber: '7110890402906',
      })!;
      const rows = await db.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN ${check.text}`,
        check.values,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on (organization|contact)/);
  });
});
