import type { IntakeDto } from '../src/modules/cases/dto/intake.dto';
import { organizationCaseSearchText } from '../src/modules/organizations/organization-search';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * Intake answers with the case it wrote, built from the rows of its own transaction rather than
 * read back after COMMIT (statement-counts.e2e-spec.ts): that answer must be the case page's own
 * (GET /api/cases/:id), and what intake stores must be what the separate steps would store.
 */
describe('the intake’s answer and what it stores', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    manager = await signInAs(t, 'manager');
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  // Names and numbers of their own, or the duplicate check would refuse the next one.
  let n = 0;
  const next = () => (n += 1);
  const phone = (i: number) => `06-6555-${String(2000 + i)}`;
  const newOrganization = (overrides: Partial<IntakeDto> = {}): IntakeDto => {
    const i = next();
    return {
      channel: 'email',
      organization: {
        name: `答合${i}株式会社`,
        nameKana: `コタエアワセ${i}`,
        prefectureCode: '13',
        industryCode: 'G',
        employees: 30,
        phone: `03-3555-${String(3000 + i)}`,
      },
      contact: {
        name: '答 一郎',
        nameKana: 'コタエ イチロウ',
        phone: phone(i),
        email: `ichiro@kotae${i}.example`,
      },
      topics: ['LAB.TIME', 'ICT.SEC', 'ICT.NET'],
      subject: '答えの照合',
      description: '本文',
      ...overrides,
    };
  };

  const sameAsCasePage = async (by: SignedIn, answer: { id: string }) => {
    const page = await by.get(`/api/cases/${answer.id}`).expect(200);
    expect(answer).toEqual(page.body);
  };

  it('answers a new organization and contact as the case page shows them', async () => {
    const created = await operator.post('/api/cases', newOrganization()).expect(201);
    expect(created.body.organization.sessionAllowance).toMatchObject({ used: 0 });
    expect(created.body.contact).not.toBeNull();
    expect(created.body.topics).toEqual(['ICT.NET', 'ICT.SEC', 'LAB.TIME']);
    await sameAsCasePage(operator, created.body);
  });

  it('answers a known organization and contact, with its sessions and grants, as the case page shows them', async () => {
    const first = await operator.post('/api/cases', newOrganization()).expect(201);
    await manager
      .post(`/api/organizations/${first.body.organization.id}/session-grants`, {
        reason: '照合のための追加枠',
      })
      .expect(201);
    const known = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { id: first.body.organization.id },
        contact: { id: first.body.contact.id },
        topics: ['LAB.TIME'],
        subject: '二度目',
        callDirection: 'inbound',
        callDurationSeconds: 60,
      })
      .expect(201);
    expect(known.body.organization.sessionGrants).toHaveLength(1);
    await sameAsCasePage(operator, known.body);
  });

  it('answers a new contact of a known organization as the case page shows it', async () => {
    const first = await operator.post('/api/cases', newOrganization()).expect(201);
    const i = next();
    const known = await operator
      .post('/api/cases', {
        channel: 'web',
        organization: { id: first.body.organization.id },
        contact: { name: '二人目', phone: phone(i) },
        topics: ['ICT.SEC'],
        subject: '別の担当者から',
      })
      .expect(201);
    await sameAsCasePage(operator, known.body);
    const found = await operator
      .get(`/api/organizations?q=${encodeURIComponent(phone(i))}`)
      .expect(200);
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.organization.id]);
  });

  it('answers a fiscal-year allowance of a new organization as the case page shows it', async () => {
    const settings = await admin.get('/api/settings/sessions').expect(200);
    const changed = await admin
      .patch('/api/settings/sessions', {
        version: settings.body.version,
        period: 'fiscal_year',
        limit: 5,
      })
      .expect(200);
    try {
      const created = await operator.post('/api/cases', newOrganization()).expect(201);
      expect(created.body.organization.sessionAllowance).toMatchObject({
        limit: 5,
        remaining: 5,
        period: 'fiscal_year',
      });
      await sameAsCasePage(operator, created.body);
    } finally {
      await admin
        .patch('/api/settings/sessions', {
          version: changed.body.version,
          period: settings.body.period,
          limit: settings.body.limit,
        })
        .expect(200);
    }
  });

  it('leaves out the contact for regional staff whose walk-in goes to another desk', async () => {
    // A walk-in goes to the desk covering the prefecture (the default rules): Osaka is kinki's.
    const created = await kanto
      .post(
        '/api/cases',
        newOrganization({
          channel: 'walk_in',
          organization: { name: `大阪の来訪${next()}`, prefectureCode: '27' },
        }),
      )
      .expect(201);
    expect(created.body.deskId).toBe('kinki');
    expect(created.body.contact).toBeNull();
    const page = await operator.get(`/api/cases/${created.body.id}`).expect(200);
    expect(page.body.contact).not.toBeNull();
    expect(created.body).toEqual({ ...page.body, contact: null });
  });

  it('shows regional staff the contact of a walk-in their desk keeps', async () => {
    const created = await kanto
      .post('/api/cases', newOrganization({ channel: 'walk_in' }))
      .expect(201);
    expect(created.body.deskId).toBe('kanto');
    expect(created.body.contact).not.toBeNull();
    await sameAsCasePage(kanto, created.body);
  });

  it('gives the new organization the search text a contact added afterwards would give it', async () => {
    const body = newOrganization();
    const created = await operator.post('/api/cases', body).expect(201);
    // The same organization and contact, created one after the other.
    const separately = await operator
      .post('/api/organizations', {
        ...body.organization,
        duplicateOverrideReason: '検索文字列の照合のため',
      })
      .expect(201);
    await operator
      .post(`/api/organizations/${separately.body.id}/contacts`, body.contact)
      .expect(201);
    const searchText = async (id: string) =>
      (
        await t.db.query<{ search_text: string }[]>(
          `SELECT search_text FROM organization WHERE id = $1`,
          [id],
        )
      )[0]!.search_text;
    const expected = await searchText(separately.body.id);
    expect(expected).toContain(phone(n).replace(/-/g, ''));
    expect(await searchText(created.body.organization.id)).toBe(expected);
    // The case carries the organization's own text: its phone, not the contact's.
    const [kase] = await t.db.query<{ organization_search_text: string }[]>(
      `SELECT organization_search_text FROM "case" WHERE id = $1`,
      [created.body.id],
    );
    const [own] = await t.db.query<{ case_search_text: string }[]>(
      `SELECT case_search_text FROM organization WHERE id = $1`,
      [created.body.organization.id],
    );
    expect(kase!.organization_search_text).toBe(own!.case_search_text);
    expect(kase!.organization_search_text).toContain(body.organization.phone!.replace(/-/g, ''));
    expect(kase!.organization_search_text).not.toContain(phone(n).replace(/-/g, ''));
  });

  it('generates the text cases carry as libs/domain normalises it', async () => {
    // Full-width letters and digits, half-width kana, a legal form's symbol, runs of spaces,
    // absent parts, and numbers written every way.
    const samples = [
      { name: `ＡＢＣ\u3000ﾃﾚﾜｰｸ㈱${next()}`, nameKana: null, phone: null },
      {
        name: `ぎんが  物産${next()}`,
        nameKana: 'ギンガ\u3000ブッサン',
        phone: '＋８１ ５０ ５５５５ ０１００',
      },
      { name: `Σ工房${next()}`, nameKana: 'しぐま', corporateNumber: '7000012050002' },
    ];
    for (const organization of samples) {
      const created = await operator
        .post('/api/organizations', { prefectureCode: '13', ...organization })
        .expect(201);
      const [row] = await t.db.query<
        {
          name: string;
          name_kana: string | null;
          corporate_number: string | null;
          phone: string | null;
          case_search_text: string;
        }[]
      >(
        `SELECT name, name_kana, corporate_number, phone, case_search_text FROM organization WHERE id = $1`,
        [created.body.id],
      );
      expect(row!.case_search_text).toBe(
        organizationCaseSearchText({
          name: row!.name,
          nameKana: row!.name_kana,
          corporateNumber: row!.corporate_number,
          phone: row!.phone,
        }),
      );
    }
  });

  it('writes the same audit trail for a new organization, contact and case', async () => {
    const body = newOrganization({ organization: { name: `監査${next()}`, prefectureCode: '13' } });
    const created = await operator
      .post('/api/cases', body)
      .set('x-request-id', `intake-audit-${n}`)
      .expect(201);
    const rows = await t.db.query<Record<string, unknown>[]>(
      `SELECT actor_id, actor_email, action, entity_type, entity_id, host(ip) AS ip, request_id,
              changes, meta
         FROM audit_event WHERE request_id = $1 ORDER BY id`,
      [`intake-audit-${n}`],
    );
    const by = {
      actor_id: operator.user.id,
      actor_email: operator.user.email,
      ip: expect.any(String),
      request_id: `intake-audit-${n}`,
    };
    expect(rows).toEqual([
      {
        ...by,
        action: 'organization.created',
        entity_type: 'organization',
        entity_id: created.body.organization.id,
        // diff({}, …) keeps the fields written as null: JSON leaves out `from: undefined`.
        changes: {
          name: { to: body.organization.name },
          ...Object.fromEntries(
            [
              'nameKana',
              'corporateNumber',
              'industryCode',
              'industrySubcode',
              'smeSector',
              'employees',
              'capitalYen',
              'phone',
            ].map((k) => [k, { to: null }]),
          ),
        },
        meta: null,
      },
      {
        ...by,
        action: 'contact.created',
        entity_type: 'contact',
        entity_id: created.body.contact.id,
        changes: null,
        meta: { organizationId: created.body.organization.id },
      },
      {
        ...by,
        action: 'case.created',
        entity_type: 'case',
        entity_id: created.body.id,
        changes: null,
        meta: null,
      },
    ]);
  });
});
