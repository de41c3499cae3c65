import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { SEARCH_WALK_CAP } from '../src/modules/organizations/organizations.repository';
import { type SignedIn, signInAs } from './support/sessions';
import { recordStatements } from './support/statements';
import { type TestApp, createTestApp } from './support/test-app';

describe('organizations and contacts', () => {
  let t: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const create = (body: object) => operator.post('/api/organizations', body);

  it('creates an organization and derives its SME flag', async () => {
    const res = await create({
      name: 'テレワーク商事株式会社',
      nameKana: 'テレワークショウジ',
      corporateNumber: '７１２３４５６７８９０１２',
      prefectureCode: '13',
      industryCode: 'I',
      smeSector: 'wholesale',
      employees: 80,
      capitalYen: 200_000_000,
      phone: '03-1234-5678',
    }).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'テレワーク商事株式会社',
      nameKana: 'テレワークショウジ',
      corporateNumber: '7123456789012',
      prefectureCode: '13',
      industryCode: 'I',
      employees: 80,
      capitalYen: 200_000_000,
      sme: true,
      smeReason: 'EMPLOYEE_TEST_MET',
      teleworkStatus: 'not_started',
      phone: '03-1234-5678',
      sessionAllowance: { limit: 3, used: 0, remaining: 3 },
      version: 1,
    });
    const [{ phone }] = await t.db.query(`SELECT phone FROM organization WHERE id = $1`, [
      res.body.id,
    ]);
    expect(phone).toBe('+81312345678');
  });

  it('answers sme null with a reason when the data cannot tell', async () => {
    const res = await create({ name: '個人事業 山田' }).expect(201);
    expect(res.body).toMatchObject({ sme: null, smeReason: 'NO_INDUSTRY' });
  });

  it('refuses a second organization with the same corporate number, pointing at the first', async () => {
    const first = await create({
      name: '重複テスト株式会社',
      corporateNumber: '4011001098993',
    }).expect(201);
    const res = await create({ name: '重複テスト(株)', corporateNumber: '4011001098993' }).expect(
      409,
    );
    expect(res.body).toMatchObject({
      code: 'ORGANIZATION_DUPLICATE',
      existingId: first.body.id,
      details: [{ field: 'corporateNumber' }],
    });
  });

  it.each([
    [
      'an invalid corporate number',
      { name: 'X', corporateNumber: '8123456789012' },
      'corporateNumber',
    ],
    ['a bad prefecture code', { name: 'X', prefectureCode: '48' }, 'prefectureCode'],
    ['an unknown industry', { name: 'X', industryCode: 'Z' }, 'industryCode'],
    ['a missing name', { prefectureCode: '13' }, 'name'],
    ['a phone that is not Japanese', { name: 'X', phone: '+1 415 555 0100' }, 'phone'],
    ['negative employees', { name: 'X', employees: -1 }, 'employees'],
    ['an unknown field', { name: 'X', admin: true }, 'admin'],
  ])('answers %s with 400 naming the field', async (_label, body, field) => {
    const res = await create(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  describe('search the way staff type', () => {
    let target: string;

    beforeAll(async () => {
      target = (
        await create({
          name: 'テレワーク総合研究所',
          nameKana: 'てれわーくそうごうけんきゅうしょ',
          phone: '06-6123-4567',
        }).expect(201)
      ).body.id;
      await create({ name: '丸の内商事株式会社', nameKana: 'マルノウチショウジ' }).expect(201);
      await create({ name: '山田工務店' }).expect(201);
    });

    const ids = async (q: string) =>
      (
        (await operator.get(`/api/organizations?q=${encodeURIComponent(q)}`).expect(200)).body
          .items as { id: string; name: string }[]
      ).map((o) => o.name);

    it('finds katakana from half-width kana', async () => {
      expect(await ids('ﾃﾚﾜｰｸ総合')).toContain('テレワーク総合研究所');
    });

    it('finds a hiragana reading from katakana and vice versa', async () => {
      expect(await ids('ソウゴウケンキュウ')).toContain('テレワーク総合研究所');
      expect(await ids('まるのうち')).toContain('丸の内商事株式会社');
    });

    it('finds a name whatever legal form is typed: ㈱, (株), （株） or 株式会社', async () => {
      for (const q of ['㈱丸の内商事', '(株)丸の内', '丸の内商事（株）', '株式会社 まるのうち']) {
        expect({ q, names: await ids(q) }).toEqual({
          q,
          names: expect.arrayContaining(['丸の内商事株式会社']),
        });
      }
    });

    it('answers two-character queries', async () => {
      const names = await ids('商事');
      expect(names).toContain('丸の内商事株式会社');
      expect(names).toContain('テレワーク商事株式会社');
      expect(names).not.toContain('山田工務店');
    });

    it('answers a very common term with the shortest names first', async () => {
      // More matches than the ranking probe takes (300): the typeahead index answers instead.
      await t.db.query(
        `INSERT INTO organization (name, name_normalized, search_text, sme_reason)
         SELECT '共通語ワード会社' || n, '共通語ワード会社' || n, '共通語ワード会社' || n, 'test'
           FROM generate_series(1000, 3200) AS n`,
      );
      const res = await operator
        .get(`/api/organizations?q=${encodeURIComponent('ワード')}&limit=5`)
        .expect(200);
      expect(res.body.items.map((o: { name: string }) => o.name)).toEqual([
        '共通語ワード会社1000',
        '共通語ワード会社1001',
        '共通語ワード会社1002',
        '共通語ワード会社1003',
        '共通語ワード会社1004',
      ]);
    });

    it('ranks prefix matches first only for a term found in at most 300 organizations', async () => {
      // 400 matches: more than the probe reads (at most 300 rows of the heap, cold or warm, at any
      // size), so the typeahead index answers with the shortest names, a longer prefix match
      // later. Product decision (issue #17): a term this common is typed on the way to a longer
      // one, and the next keystroke's answer ranks.
      await t.db.query(
        `INSERT INTO organization (name, name_normalized, search_text, sme_reason)
         SELECT name, name, search_normalize(name), 'test'
           FROM (SELECT 'アミドル' || n AS name FROM generate_series(1000, 1399) AS n
                 UNION ALL SELECT 'ミドル長い名前の会社です') AS x`,
      );
      const common = await operator
        .get(`/api/organizations?q=${encodeURIComponent('ミドル')}&limit=3`)
        .expect(200);
      expect(common.body.items.map((o: { name: string }) => o.name)).toEqual([
        'アミドル1000',
        'アミドル1001',
        'アミドル1002',
      ]);
      // A rarer term: every match is ranked, the prefix match first.
      const rare = await operator
        .get(`/api/organizations?q=${encodeURIComponent('ミドル長い')}&limit=3`)
        .expect(200);
      expect(rare.body.items.map((o: { name: string }) => o.name)).toEqual([
        'ミドル長い名前の会社です',
      ]);
    });

    it('looks for a common term among the shortest names only so far, then fills from the probe', async () => {
      // The walk reads at most SEARCH_WALK_CAP entries of the typeahead index (20,000; 3 here), so
      // its cost stays bounded however many organizations there are. The shortest names here do
      // not contain the term: the page is filled from the probe's sample, prefix matches first.
      const service = t.app.get(OrganizationsService);
      await t.db.query(
        `INSERT INTO organization (name, name_normalized, search_text, sme_reason)
         SELECT name, name, search_normalize(name), 'test'
           FROM (SELECT 'ミナト' || n AS name FROM generate_series(1000, 1399) AS n
                 UNION ALL SELECT 'アイウミナト' || n FROM generate_series(1000, 1009) AS n
                 UNION ALL SELECT unnest(ARRAY['ヰ', 'ヱ', 'ゐ'])) AS x`,
      );
      const ask = async () =>
        (
          await operator
            .get(`/api/organizations?q=${encodeURIComponent('ミナト')}&limit=3`)
            .expect(200)
        ).body.items.map((o: { name: string }) => o.name);
      // Unbounded (as before), the shortest names containing the term.
      expect(await ask()).toEqual(['ミナト1000', 'ミナト1001', 'ミナト1002']);
      service.searchWalkCap = 3;
      try {
        // The three shortest names of all (ヰ, ヱ, ゐ) do not contain the term: the walk finds
        // nothing, and the probe's ranked sample answers (prefix matches first, then length).
        const filled = await ask();
        expect(filled).toHaveLength(3);
        for (const name of filled) {
          expect(name).toMatch(/^ミナト1[0-3]\d\d$/);
        }
      } finally {
        service.searchWalkCap = SEARCH_WALK_CAP;
      }
    });

    it('answers a surely common term from the shortest names without the probe', async () => {
      // A full page among the first names (searchDenseWindow; 8,000 at 900,000 organizations, 50
      // here) makes the term common enough that the probe, which would read every match of it
      // through the bigram index, can only confirm it.
      const service = t.app.get(OrganizationsService);
      await t.db.query(
        `INSERT INTO organization (name, name_normalized, search_text, sme_reason)
         SELECT 'ソラ' || n, 'ソラ' || n, search_normalize('ソラ' || n), 'test'
           FROM generate_series(1000, 1399) AS n`,
      );
      const ask = async () => {
        const recorded = recordStatements(t.db);
        try {
          const res = await operator
            .get(`/api/organizations?q=${encodeURIComponent('ソラ')}&limit=3`)
            .expect(200);
          return {
            names: res.body.items.map((o: { name: string }) => o.name),
            probed: recorded.sql.some((q) => /search_bigrams @>/.test(q)),
          };
        } finally {
          recorded.stop();
        }
      };
      const expected = ['ソラ1000', 'ソラ1001', 'ソラ1002'];
      // Too few organizations here for the estimate: the probe decides, as before.
      expect(await ask()).toEqual({ names: expected, probed: true });
      service.searchDenseWindow = 50;
      try {
        expect(await ask()).toEqual({ names: expected, probed: false });
      } finally {
        service.searchDenseWindow = null;
      }
    });

    it('finds by phone number in any notation and by corporate number', async () => {
      expect(await ids('06-6123-4567')).toContain('テレワーク総合研究所');
      expect(await ids('0661234567')).toContain('テレワーク総合研究所');
      expect(await ids('７１２３４５６７８９０１２')).toContain('テレワーク商事株式会社');
    });

    it('looks a whole number up by its index, not by its digit pairs', async () => {
      // Every organization has the pairs 03, 12, 45…: the substring search's bitmap would read
      // most of them (30–60 ms at 900,000 organizations). A whole phone or corporate number is
      // matched exactly; part of one still goes to the substring search.
      const recorded = recordStatements(t.db);
      try {
        expect(await ids('06-6123-4567')).toEqual(['テレワーク総合研究所']);
        expect(await ids('7123456789012')).toEqual(['テレワーク商事株式会社']);
        expect(await ids('03-9999-0000')).toEqual([]);
      } finally {
        recorded.stop();
      }
      expect(recorded.sql.filter((q) => /search_bigrams @>/.test(q))).toEqual([]);
      expect(await ids('6123')).toContain('テレワーク総合研究所');
    });

    it('finds by a contact person’s phone', async () => {
      await operator
        .post(`/api/organizations/${target}/contacts`, {
          name: '佐藤 一郎',
          phone: '090-9876-5432',
        })
        .expect(201);
      expect(await ids('090-9876-5432')).toContain('テレワーク総合研究所');
    });

    it('leaves the organization and its cases alone for a contact on a number it already has', async () => {
      // A second person on the switchboard's number: the search text is the same, so neither the
      // organization nor its cases (which carry a copy of it) are written again.
      await operator
        .post('/api/cases', {
          channel: 'phone',
          organization: { id: target },
          topics: ['ICT.SEC'],
          subject: '代表番号からの相談',
        })
        .expect(201);
      const versions = () =>
        t.db.query(
          `SELECT o.xmin::text AS organization, ARRAY(SELECT c.xmin::text FROM "case" c
                   WHERE c.organization_id = o.id ORDER BY c.id) AS cases
             FROM organization o WHERE o.id = $1`,
          [target],
        );
      await operator
        .post(`/api/organizations/${target}/contacts`, { name: '鈴木 一郎', phone: '03-6820-1234' })
        .expect(201);
      const before = await versions();
      await operator
        .post(`/api/organizations/${target}/contacts`, { name: '鈴木 二郎', phone: '0368201234' })
        .expect(201);
      expect(await versions()).toEqual(before);
      expect(await ids('03-6820-1234')).toContain('テレワーク総合研究所');
    });

    it('returns nothing rather than everything for a query that matches nothing', async () => {
      expect(await ids('存在しない会社名')).toEqual([]);
    });

    it('treats LIKE wildcards literally', async () => {
      expect(await ids('%%')).toEqual([]);
    });
  });

  describe('the search text when a rename and a new contact meet', () => {
    // Each writer derives the text from the name and the contacts' phones. Here the other writer is
    // held open on the organization's row, as the service's own transaction would be, and commits
    // while the request waits: whichever commits last must still have the other's change.
    const create = async (name: string, phone: string) =>
      (await operator.post('/api/organizations', { name, prefectureCode: '13', phone }).expect(201))
        .body as { id: string; version: number };
    const searchText = async (id: string) =>
      (await t.db.query(`SELECT search_text FROM organization WHERE id = $1`, [id]))[0]
        .search_text as string;
    const settle = () => new Promise((ok) => setTimeout(ok, 300));

    it('keeps a rename committed while a new contact is being added', async () => {
      const o = await create('改名前工業', '03-6820-7000');
      const other = t.db.createQueryRunner();
      await other.startTransaction();
      try {
        await other.query(`SELECT 1 FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [o.id]);
        const adding = operator
          .post(`/api/organizations/${o.id}/contacts`, { name: '高橋 三郎', phone: '03-6820-7111' })
          .then((res) => res);
        await settle();
        // The rename, as OrganizationsService.update writes it: the new name's text, the phones
        // it could see (not the contact still uncommitted).
        await other.query(
          `UPDATE organization SET name = '改名後工業', search_text = '改名後工業 0368207000',
                  version = version + 1 WHERE id = $1`,
          [o.id],
        );
        await other.commitTransaction();
        expect((await adding).status).toBe(201);
      } finally {
        await other.release();
      }
      const text = await searchText(o.id);
      expect(text).toContain('改名後工業');
      expect(text).toContain('0368207111');
    });

    it('keeps a contact committed while a rename is being saved', async () => {
      const o = await create('連絡先追加工業', '03-6820-7001');
      const other = t.db.createQueryRunner();
      await other.startTransaction();
      try {
        // The contact, as ContactsService.insert and refreshSearchText write it.
        await other.query(
          `INSERT INTO contact (organization_id, name, phone) VALUES ($1, '伊藤 四郎', '+81368207222')`,
          [o.id],
        );
        await other.query(`SELECT 1 FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [o.id]);
        const renaming = operator
          .patch(`/api/organizations/${o.id}`, { name: '改称工業', version: o.version })
          .then((res) => res);
        await settle();
        await other.query(
          `UPDATE organization SET search_text = '連絡先追加工業 0368207001 0368207222' WHERE id = $1`,
          [o.id],
        );
        await other.commitTransaction();
        expect((await renaming).status).toBe(200);
      } finally {
        await other.release();
      }
      const text = await searchText(o.id);
      expect(text).toContain('改称工業');
      expect(text).toContain('0368207222');
    });
  });

  it('warns of likely duplicates by normalised name, phone or mail domain', async () => {
    const org = await create({ name: '株式会社 ダブリ商会', phone: '045-111-2222' }).expect(201);
    await operator
      .post(`/api/organizations/${org.body.id}/contacts`, {
        name: '鈴木',
        email: 'suzuki@daburi.example.jp',
      })
      .expect(201);
    const byName = await operator
      .get(`/api/organizations/duplicates?name=${encodeURIComponent('ﾀﾞﾌﾞﾘ商会(株)')}`)
      .expect(200);
    expect(byName.body.items).toEqual([expect.objectContaining({ reasons: ['name'] })]);
    const byAll = await operator
      .get(`/api/organizations/duplicates?phone=045-111-2222&email=tanaka@daburi.example.jp`)
      .expect(200);
    expect(byAll.body.items[0].reasons.sort()).toEqual(['email_domain', 'phone']);
    const freeMail = await operator
      .get(`/api/organizations/duplicates?email=someone@gmail.com`)
      .expect(200);
    expect(freeMail.body.items).toEqual([]);
  });

  it('edits with optimistic concurrency and recomputes SME', async () => {
    const org = await create({ name: '版管理テスト', industryCode: 'E', employees: 1000 }).expect(
      201,
    );
    expect(org.body.sme).toBeNull();
    const edited = await operator
      .patch(`/api/organizations/${org.body.id}`, { capitalYen: 100_000_000, version: 1 })
      .expect(200);
    expect(edited.body).toMatchObject({ sme: true, smeReason: 'CAPITAL_TEST_MET', version: 2 });
    const stale = await operator
      .patch(`/api/organizations/${org.body.id}`, { name: '古い', version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'ORGANIZATION_VERSION_CONFLICT', currentVersion: 2 });
  });

  it('keeps contacts with normalised phones, shown in domestic form, and audits every view', async () => {
    const org = await create({ name: '連絡先テスト' }).expect(201);
    const contact = await operator
      .post(`/api/organizations/${org.body.id}/contacts`, {
        name: '田中 花子',
        nameKana: 'タナカ ハナコ',
        title: '総務部長',
        phone: '０９０－１１１１－２２２２',
        email: 'Tanaka@Example.co.jp',
      })
      .expect(201);
    expect(contact.body).toMatchObject({
      phone: '090-1111-2222',
      email: 'tanaka@example.co.jp',
      contactConsent: true,
    });
    await operator.get(`/api/contacts/${contact.body.id}`).expect(200);
    const list = await operator.get(`/api/organizations/${org.body.id}/contacts`).expect(200);
    expect(list.body.items).toHaveLength(1);
    const views = await t.db.query(
      `SELECT action FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY id`,
      [contact.body.id, org.body.id],
    );
    expect(views.map((v: { action: string }) => v.action)).toEqual(
      expect.arrayContaining(['contact.created', 'contact.viewed', 'contact.listed']),
    );
    const updated = await operator
      .patch(`/api/contacts/${contact.body.id}`, { title: '代表取締役', version: 1 })
      .expect(200);
    expect(updated.body.title).toBe('代表取締役');
    await operator
      .patch(`/api/contacts/${contact.body.id}`, { title: 'x', version: 1 })
      .expect(409);
  });

  it('lets managers read but not write, and keeps experts out', async () => {
    const org = await create({ name: '権限テスト' }).expect(201);
    const manager = await signInAs(t, 'manager');
    await manager.get(`/api/organizations/${org.body.id}`).expect(200);
    await manager.post('/api/organizations', { name: 'x' }).expect(403);
    const expert = await signInAs(t, 'expert', null);
    await expert.get(`/api/organizations?q=${encodeURIComponent('権限')}`).expect(403);
  });

  it('browses newest first with a cursor', async () => {
    const first = await operator.get('/api/organizations?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await operator
      .get(`/api/organizations?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    await operator.get('/api/organizations?cursor=garbage').expect(400);
  });
});
