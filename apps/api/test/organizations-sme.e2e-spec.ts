import { SmeReclassificationService } from '../src/modules/organizations/sme-reclassification.service';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('SME verdict by JSIC middle and minor group', () => {
  let t: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const create = (body: object) => operator.post('/api/organizations', body);
  // Capital above every sector's limit, so only the employee test can make an SME.
  const large = { capitalYen: 400_000_000 };

  type Codes = { industryCode: string; industrySubcode?: string; employees: number };
  it.each<[string, Codes, boolean | null, string]>([
    // Real estate: manufacturing and others (≤ 300 people), where "services" said ≤ 100.
    [
      'K 68',
      { industryCode: 'K', industrySubcode: '68', employees: 250 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
    // K 69 holds parking (693, services) too: 250 people is an SME only outside it.
    ['K 69', { industryCode: 'K', industrySubcode: '69', employees: 250 }, null, 'SECTOR_UNKNOWN'],
    [
      'K 691',
      { industryCode: 'K', industrySubcode: '691', employees: 250 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
    ['K 693', { industryCode: 'K', industrySubcode: '693', employees: 250 }, false, 'EXCEEDS_BOTH'],
    ['K 70', { industryCode: 'K', industrySubcode: '70', employees: 250 }, false, 'EXCEEDS_BOTH'],
    ['K alone', { industryCode: 'K', employees: 250 }, null, 'SECTOR_UNKNOWN'],
    ['K alone, 100 people', { industryCode: 'K', employees: 100 }, true, 'EMPLOYEE_TEST_MET'],
    [
      'G 37',
      { industryCode: 'G', industrySubcode: '37', employees: 250 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
    ['G 39', { industryCode: 'G', industrySubcode: '39', employees: 250 }, false, 'EXCEEDS_BOTH'],
    [
      'M 75',
      { industryCode: 'M', industrySubcode: '75', employees: 80 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
    ['M 76', { industryCode: 'M', industrySubcode: '76', employees: 80 }, false, 'EXCEEDS_BOTH'],
    [
      'N 791',
      { industryCode: 'N', industrySubcode: '791', employees: 250 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
    ['N 78', { industryCode: 'N', industrySubcode: '78', employees: 250 }, false, 'EXCEEDS_BOTH'],
    ['I, 80 people', { industryCode: 'I', employees: 80 }, null, 'SECTOR_UNKNOWN'],
    [
      'I 52, 80 people',
      { industryCode: 'I', industrySubcode: '52', employees: 80 },
      true,
      'EMPLOYEE_TEST_MET',
    ],
  ])('%s', async (_label, fields, sme, smeReason) => {
    const res = await create({ name: `業種テスト ${_label}`, ...large, ...fields }).expect(201);
    expect(res.body).toMatchObject({
      industryCode: fields.industryCode,
      industrySubcode: fields.industrySubcode ?? null,
      sme,
      smeReason,
    });
    const [row] = await t.db.query(
      `SELECT industry_subcode, sme, sme_reason FROM organization WHERE id = $1`,
      [res.body.id],
    );
    expect(row).toEqual({
      industry_subcode: fields.industrySubcode ?? null,
      sme,
      sme_reason: smeReason,
    });
  });

  it('takes a subcode typed in full-width digits', async () => {
    const res = await create({
      name: '全角細分類',
      industryCode: 'K',
      industrySubcode: '６９３',
    }).expect(201);
    expect(res.body.industrySubcode).toBe('693');
  });

  it('answers SECTOR_UNKNOWN for I with 80 people and no capital', async () => {
    const res = await create({ name: '卸か小売か', industryCode: 'I', employees: 80 }).expect(201);
    expect(res.body).toMatchObject({ sme: null, smeReason: 'SECTOR_UNKNOWN' });
  });

  it('lets the staff’s explicit sector win over the codes', async () => {
    const res = await create({
      name: '明示セクター',
      industryCode: 'K',
      industrySubcode: '68',
      smeSector: 'services',
      employees: 250,
      ...large,
    }).expect(201);
    expect(res.body).toMatchObject({ sme: false, smeReason: 'EXCEEDS_BOTH' });
  });

  it.each([
    ['outside its major group', { industryCode: 'I', industrySubcode: '49' }],
    ['of another major group', { industryCode: 'K', industrySubcode: '791' }],
    ['without a major group', { industrySubcode: '69' }],
    ['with a null major group', { industryCode: null, industrySubcode: '69' }],
    ['of four digits', { industryCode: 'K', industrySubcode: '6931' }],
    ['not digits', { industryCode: 'K', industrySubcode: '6a' }],
  ])('refuses a subcode %s with 400 naming industrySubcode', async (_label, fields) => {
    const res = await create({ name: '不正な細分類', ...fields }).expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'industrySubcode' }],
    });
  });

  it('re-reads the verdict when the subcode is edited, and refuses one left behind by a new major group', async () => {
    const created = await create({
      name: '編集テスト',
      industryCode: 'K',
      employees: 250,
      ...large,
    }).expect(201);
    expect(created.body).toMatchObject({ sme: null, smeReason: 'SECTOR_UNKNOWN' });

    const parking = await operator
      .patch(`/api/organizations/${created.body.id}`)
      .send({ industryCode: 'K', industrySubcode: '693', version: 1 })
      .expect(200);
    expect(parking.body).toMatchObject({
      industrySubcode: '693',
      sme: false,
      smeReason: 'EXCEEDS_BOTH',
      version: 2,
    });

    // 693 would be left under G.
    const stale = await operator
      .patch(`/api/organizations/${created.body.id}`)
      .send({ industryCode: 'G', version: 2 })
      .expect(400);
    expect(stale.body.details).toEqual([
      {
        field: 'industrySubcode',
        message: expect.stringContaining('693'),
        constraint: 'isIndustrySubcode',
      },
    ]);
    // A subcode alone cannot be checked against the stored major group in the request.
    const alone = await operator
      .patch(`/api/organizations/${created.body.id}`)
      .send({ industrySubcode: '68', version: 2 })
      .expect(400);
    expect(alone.body.details).toEqual([
      {
        field: 'industrySubcode',
        message: expect.stringContaining('industryCode'),
        constraint: 'isIndustrySubcode',
      },
    ]);

    const telecom = await operator
      .patch(`/api/organizations/${created.body.id}`)
      .send({ industryCode: 'G', industrySubcode: '37', version: 2 })
      .expect(200);
    expect(telecom.body).toMatchObject({ sme: true, smeReason: 'EMPLOYEE_TEST_MET', version: 3 });

    const cleared = await operator
      .patch(`/api/organizations/${created.body.id}`)
      .send({ industrySubcode: null, version: 3 })
      .expect(200);
    expect(cleared.body).toMatchObject({
      industryCode: 'G',
      industrySubcode: null,
      sme: null,
      smeReason: 'SECTOR_UNKNOWN',
    });
  });

  describe('intake with an inline organization', () => {
    const intake = (organization: object, contact: object = { name: '窓口 花子' }) =>
      operator.post('/api/cases', {
        channel: 'phone',
        organization: { name: '株式会社インテーク不動産', ...organization },
        contact,
        topics: ['LAB.TIME'],
        subject: '在宅勤務の規程について',
      });

    it('stores the subcode and reads the verdict from it', async () => {
      const res = await intake({ industryCode: 'K', industrySubcode: '68', employees: 250 }).expect(
        201,
      );
      expect(res.body.organization).toMatchObject({
        industryCode: 'K',
        industrySubcode: '68',
        sme: true,
        smeReason: 'EMPLOYEE_TEST_MET',
      });
    });

    it('refuses a subcode outside the major group naming organization.industrySubcode', async () => {
      const res = await intake({ industryCode: 'M', industrySubcode: '80' }).expect(400);
      expect(res.body.details).toEqual([
        {
          field: 'organization.industrySubcode',
          message: expect.any(String),
          constraint: 'isIndustrySubcode',
        },
      ]);
    });

    it('refuses a short mobile number naming contact.phone', async () => {
      const res = await intake({}, { name: '窓口 花子', phone: '090-1234-567' }).expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'contact.phone' }],
      });
    });

    it('refuses a short mobile number naming organization.phone', async () => {
      const res = await intake({ phone: '090-1234-567' }).expect(400);
      expect(res.body.details).toEqual([
        {
          field: 'organization.phone',
          message: expect.any(String),
          constraint: 'isJapanesePhone',
        },
      ]);
    });
  });

  describe('phone numbers', () => {
    it.each(['090-1234-567', '050-1234-567', '0800-123-456', '03-1234-567'])(
      'refuses %s with 400 naming phone',
      async (phone) => {
        const res = await create({ name: '電話テスト', phone }).expect(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'phone' }],
        });
      },
    );

    it.each([
      ['03-1234-5678', '03-1234-5678'],
      ['０９０１２３４５６７８', '090-1234-5678'],
      ['05012345678', '050-1234-5678'],
      ['0120123456', '0120-123-456'],
      ['08001234567', '0800-123-4567'],
      ['0993521111', '0993-52-1111'],
    ])('accepts %s and shows it as %s', async (phone, shown) => {
      const res = await create({ name: `電話テスト${phone}`, phone }).expect(201);
      expect(res.body.phone).toBe(shown);
    });

    it('refuses a short number on a contact, naming phone', async () => {
      const organization = await create({ name: '連絡先電話テスト' }).expect(201);
      const res = await operator
        .post(`/api/organizations/${organization.body.id}/contacts`)
        .send({ name: '山田 一郎', phone: '090-1234-567' })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'phone', message: expect.any(String), constraint: 'isJapanesePhone' },
      ]);
    });
  });

  describe('organizations:reclassify-sme', () => {
    it('recomputes the stored verdict of every organization under the current rule', async () => {
      // Rows as the old rule left them: K read as services, I read as retail.
      const old = await t.db.query<{ id: string }[]>(
        `INSERT INTO organization (name, name_normalized, search_text, industry_code, employees, capital_yen,
                                   sme, sme_reason)
         VALUES ('旧判定 不動産', '旧判定 不動産', '', 'K', 250, 400000000, false, 'EXCEEDS_BOTH'),
                ('旧判定 卸小売', '旧判定 卸小売', '', 'I', 80, NULL, NULL, 'INSUFFICIENT_DATA'),
                ('旧判定 製造', '旧判定 製造', '', 'E', 250, NULL, true, 'EMPLOYEE_TEST_MET')
         RETURNING id`,
      );
      const service = t.app.get(SmeReclassificationService);
      const first = await service.reclassifyAll(
        { principal: null, ip: null, requestId: 'test', userAgent: null },
        { batchSize: 2 },
      );
      expect(first.changed).toBeGreaterThanOrEqual(2);
      expect(first.scanned).toBeGreaterThanOrEqual(3);

      const rows = await t.db.query<{ id: string; sme: boolean | null; sme_reason: string }[]>(
        `SELECT id, sme, sme_reason FROM organization WHERE id = ANY($1::uuid[])`,
        [old.map((o) => o.id)],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(old[0]!.id)).toMatchObject({ sme: null, sme_reason: 'SECTOR_UNKNOWN' });
      expect(byId.get(old[1]!.id)).toMatchObject({ sme: null, sme_reason: 'SECTOR_UNKNOWN' });
      expect(byId.get(old[2]!.id)).toMatchObject({ sme: true, sme_reason: 'EMPLOYEE_TEST_MET' });

      const [audit] = await t.db.query(
        `SELECT action, changes FROM audit_event WHERE entity_id = $1`,
        [old[0]!.id],
      );
      expect(audit).toEqual({
        action: 'organization.sme_reclassified',
        changes: {
          sme: { from: false, to: null },
          smeReason: { from: 'EXCEEDS_BOTH', to: 'SECTOR_UNKNOWN' },
        },
      });

      // Nothing left to change.
      const second = await service.reclassifyAll(
        { principal: null, ip: null, requestId: 'test', userAgent: null },
        { batchSize: 2 },
      );
      expect(second).toMatchObject({ scanned: first.scanned, changed: 0 });
    });
  });
});
