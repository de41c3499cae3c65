import { caseSearchText, normalizeForSearch } from '@madoguchi/domain';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { CaseListService } from '../src/modules/cases/case-list.service';
import { SEARCH_WALK_FIRST, SEARCH_WALK_ROWS } from '../src/modules/cases/case-list-query';
import { SearchIndexMaintenanceService } from '../src/modules/cases/search-index-maintenance.service';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/** Collects a download as bytes (CSV and xlsx alike). */
const binary = (test: request.Test): request.Test =>
  test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

interface Listed {
  items: { number: string; subject: string; organizationName: string }[];
  nextCursor: string | null;
}

describe('case list search and date filters (issue #15 §6)', () => {
  let t: TestApp;
  let operator: SignedIn;
  const numbers: Record<string, string> = {};

  const intake = async (
    key: string,
    body: {
      organization: object;
      contact?: object;
      subject: string;
      description?: string;
      receivedAt?: string;
    },
  ) => {
    const res = await operator
      .post('/api/cases', { channel: 'phone', topics: ['ICT.METHOD'], ...body })
      .expect(201);
    numbers[key] = (res.body as { number: string }).number;
    return res.body as { organization: { id: string } };
  };

  const search = async (q: string, extra = ''): Promise<string[]> => {
    const res = await operator
      .get(`/api/cases?q=${encodeURIComponent(q)}&limit=200${extra}`)
      .expect(200);
    return (res.body as Listed).items.map((i) => i.number).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    await intake('vpn', {
      organization: { name: '株式会社やまびこ商事', nameKana: 'ヤマビコショウジ' },
      subject: 'VPN機器の選び方',
      description: 'テレワークを始めたい。',
    });
    await intake('cloud', {
      organization: { name: '青葉物産株式会社' },
      subject: 'ファイル共有の相談',
      description: 'クラウドへの移行を検討中。',
    });
    await intake('telework', {
      organization: { name: 'テレワーク物産' },
      subject: '就業規則の変更',
    });
    await intake('other', {
      organization: { name: '有限会社みなと商事' },
      subject: '労災の考え方',
      description: '100件以上の問い合わせ。',
    });
    await intake('percent', {
      organization: { name: '合同会社しずく工房' },
      subject: '達成率100%の事例',
      description: '雫のような小さな会社。',
    });
    // Around Saturday 2019-01-12 in Tokyo.
    const first = await intake('before', {
      organization: { name: '日付確認株式会社' },
      subject: '日付の確認',
      receivedAt: '2019-01-11T23:59:59+09:00',
    });
    // The same organization calls again: picked, not typed anew (that would be a duplicate).
    const day = { organization: { id: first.organization.id }, subject: '日付の確認' };
    await intake('first', { ...day, receivedAt: '2019-01-12T00:00:00+09:00' });
    await intake('last', { ...day, receivedAt: '2019-01-12T23:59:00+09:00' });
    await intake('after', { ...day, receivedAt: '2019-01-13T00:00:00+09:00' });
  });
  afterAll(() => t.close());

  const only = (...keys: string[]) => keys.map((k) => numbers[k]!).sort();

  // The same searches on both plans: walking the newest cases, and the index probe that a
  // rare term falls back to when the walk finds too few.
  // A walk of two short steps (3 then 5 cases) covers the second step and the skip to the
  // indexes after a first step whose rate could not fill the page.
  describe.each([
    ['walking the newest cases', undefined, undefined],
    ['through the search indexes', 1, undefined],
    ['walking in two steps', 8, 3],
  ])('q= %s', (_plan, walkRows, walkFirst) => {
    beforeAll(() => {
      const service = t.app.get(CaseListService);
      service.searchWalkRows = walkRows ?? SEARCH_WALK_ROWS;
      service.searchWalkFirst = walkFirst ?? SEARCH_WALK_FIRST;
    });

    it('matches full-width and lower-case Latin like the subject says it (ＶＰＮ, vpn → VPN)', async () => {
      expect(await search('ＶＰＮ')).toEqual(only('vpn'));
      expect(await search('vpn')).toEqual(only('vpn'));
      expect(await search('VPN')).toEqual(only('vpn'));
    });

    it('matches half-width and hiragana kana (ｸﾗｳﾄﾞ, くらうど → クラウド)', async () => {
      expect(await search('ｸﾗｳﾄﾞ')).toEqual(only('cloud'));
      expect(await search('くらうど')).toEqual(only('cloud'));
    });

    it('wants every word, split by a full-width space, across the case and its organization', async () => {
      // テレワーク in the description, 商事 in the organization's name.
      expect(await search('テレワーク　商事')).toEqual(only('vpn'));
      expect(await search('商事 テレワーク')).toEqual(only('vpn'));
      expect(await search('テレワーク')).toEqual(only('vpn', 'telework'));
      expect(await search('商事')).toEqual(only('vpn', 'other'));
      expect(await search('テレワーク　労災')).toEqual([]);
    });

    it('finds the organization by its reading, in any kana', async () => {
      expect(await search('ﾔﾏﾋﾞｺ')).toEqual(only('vpn'));
      expect(await search('やまびこ')).toEqual(only('vpn'));
    });

    it('finds the organization whatever legal form is typed (㈱, （株）)', async () => {
      expect(await search('㈱やまびこ')).toEqual(only('vpn'));
      expect(await search('やまびこ商事（株）')).toEqual(only('vpn'));
    });

    it('finds a case by its number and by the tail of its number', async () => {
      // The fifth case of this fiscal year: no case of FY2018 below has that sequence.
      const number = numbers['percent']!;
      expect(await search(number)).toEqual(only('percent'));
      expect(await search(number.slice(-6))).toEqual(only('percent'));
      expect(await search(number.slice(2))).toEqual(only('percent'));
    });

    it('takes one character, and LIKE wildcards literally', async () => {
      expect(await search('雫')).toEqual(only('percent'));
      expect(await search('100%')).toEqual(only('percent'));
      expect(await search('100')).toEqual(only('other', 'percent'));
      expect(await search('_')).toEqual([]);
    });

    it('combines with the other filters and pages with the cursor', async () => {
      expect(await search('商事', '&channel=email')).toEqual([]);
      const first = await operator.get(`/api/cases?q=${encodeURIComponent('商事')}&limit=1`);
      const page = first.body as Listed;
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).not.toBeNull();
      const second = await operator.get(
        `/api/cases?q=${encodeURIComponent('商事')}&limit=1&cursor=${page.nextCursor}`,
      );
      const rest = second.body as Listed;
      expect([...page.items, ...rest.items].map((i) => i.number).sort()).toEqual(
        only('vpn', 'other'),
      );
      expect(rest.nextCursor).toBeNull();
    });

    it('pages newest first through matches weeks and years apart', async () => {
      // The index plan asks the latest weeks first, then more, then all: every page must still
      // be the newest matches after the cursor, wherever the window boundaries fall.
      const tag = `週次${walkRows ?? 0}`;
      const weeksAgo = [0, 3, 20, 100, 300];
      const at = (weeks: number) =>
        new Date(Date.now() - 60_000 - weeks * 7 * 24 * 3600 * 1000).toISOString();
      const first = await intake(`${tag}-0`, {
        organization: { name: `${tag}検索株式会社` },
        subject: '初回の相談',
        receivedAt: at(0),
      });
      for (const weeks of weeksAgo.slice(1)) {
        await intake(`${tag}-${weeks}`, {
          organization: { id: first.organization.id },
          subject: '再度の相談',
          receivedAt: at(weeks),
        });
      }
      const newestFirst = weeksAgo.map((w) => numbers[`${tag}-${w}`]!);
      for (const limit of [1, 2, 200]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await operator
            .get(
              `/api/cases?q=${encodeURIComponent(tag)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
            )
            .expect(200);
          const page = res.body as Listed;
          seen.push(...page.items.map((i) => i.number));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(newestFirst);
      }
    });

    it('keeps only the filtered statuses, weeks apart, after a case changes status', async () => {
      // The status is a key of the search index: the window of the latest weeks and the probe
      // over all weeks must keep exactly the cases in the wanted statuses, newest first, and see
      // a transition at once.
      const tag = `状態${walkRows ?? 0}`;
      const at = (weeks: number) =>
        new Date(Date.now() - 60_000 - weeks * 7 * 24 * 3600 * 1000).toISOString();
      const created: Record<number, { id: string; version: number }> = {};
      let organization: { id: string } | undefined;
      for (const weeks of [0, 2, 30, 200]) {
        const res = await operator
          .post('/api/cases', {
            channel: 'phone',
            topics: ['ICT.METHOD'],
            organization: organization ?? { name: `${tag}確認株式会社` },
            subject: '状態の確認',
            receivedAt: at(weeks),
          })
          .expect(201);
        const body = res.body as {
          id: string;
          number: string;
          version: number;
          organization: { id: string };
        };
        organization ??= { id: body.organization.id };
        numbers[`${tag}-${weeks}`] = body.number;
        created[weeks] = body;
      }
      for (const weeks of [2, 200]) {
        await operator
          .post(`/api/cases/${created[weeks]!.id}/transitions`, {
            to: 'in_progress',
            version: created[weeks]!.version,
          })
          .expect(200);
      }
      const listed = async (status: string, limit: number): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await operator
            .get(
              `/api/cases?q=${encodeURIComponent(tag)}&status=${status}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
            )
            .expect(200);
          const page = res.body as Listed;
          seen.push(...page.items.map((i) => i.number));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      const newestFirst = (...weeks: number[]) => weeks.map((w) => numbers[`${tag}-${w}`]!);
      for (const limit of [1, 200]) {
        expect(await listed('new', limit)).toEqual(newestFirst(0, 30));
        expect(await listed('in_progress', limit)).toEqual(newestFirst(2, 200));
        expect(await listed('new,in_progress', limit)).toEqual(newestFirst(0, 2, 30, 200));
        expect(await listed('closed', limit)).toEqual([]);
      }
    });

    it('keeps finding a case after its subject and description change', async () => {
      const list = await operator.get(`/api/cases?q=${encodeURIComponent('労災')}`).expect(200);
      const id = (list.body as { items: { id: string; version: number }[] }).items[0]!;
      const before = await operator.get(`/api/cases/${id.id}`).expect(200);
      await operator
        .patch(`/api/cases/${id.id}`, {
          version: (before.body as { version: number }).version,
          subject: 'ＢＹＯＤの可否',
        })
        .expect(200);
      expect(await search('byod')).toEqual(only('other'));
      expect(await search('労災')).toEqual([]);
      // The description is kept, and still searched.
      expect(await search('100件')).toEqual(only('other'));
      const after = await operator.get(`/api/cases/${id.id}`).expect(200);
      await operator
        .patch(`/api/cases/${id.id}`, {
          version: (after.body as { version: number }).version,
          subject: '労災の考え方',
        })
        .expect(200);
    });

    it('finds the cases of a phone number, however it is typed: the organization’s or any contact’s', async () => {
      const plan = walkRows ?? 0;
      const key = `phone-${plan}`;
      const created = await intake(key, {
        organization: {
          name: `電話番号${plan}商会`,
          prefectureCode: '27',
          phone: `06-6777-${4200 + plan}`,
        },
        contact: { name: '最初 一郎', phone: `06-6777-${5200 + plan}` },
        subject: '折り返しの依頼',
      });
      const own = numbers[key]!;
      // Years earlier, under the same organization: the windows of weeks find it too.
      await intake(`${key}-old`, {
        organization: { id: created.organization.id },
        subject: '以前の相談',
        receivedAt: '2019-04-02T10:00:00+09:00',
      });
      const both = [own, numbers[`${key}-old`]!].sort();
      // A contact added after the case: the case itself is not rewritten for it.
      await operator
        .post(`/api/organizations/${created.organization.id}/contacts`, {
          name: '後任 花子',
          phone: `090-6777-${3200 + plan}`,
        })
        .expect(201);
      for (const q of [
        `06-6777-${4200 + plan}`,
        `066777${4200 + plan}`,
        `06-6777-${5200 + plan}`,
        `090-6777-${3200 + plan}`,
        `+81 90 6777 ${3200 + plan}`,
        `０９０（６７７７）${3200 + plan}`,
      ]) {
        expect({ q, found: await search(q) }).toEqual({ q, found: both });
        expect({ q, found: await search(q, '&status=new&channel=phone') }).toEqual({
          q,
          found: both,
        });
        expect({ q, found: await search(q, '&receivedFrom=2026-01-01') }).toEqual({
          q,
          found: [own],
        });
      }
      expect(await search(`090-6777-${3200 + plan}`, '&status=closed')).toEqual([]);
      expect(await search(`090-6777-3999`)).toEqual([]);
      // Part of a number is text: the organization's own number is in its cases' text, a
      // contact's is not.
      expect(await search(`6777${4200 + plan}`)).toEqual(both);
      expect(await search(`6777${3200 + plan}`)).toEqual([]);
    });

    it('follows its organization: renamed, or merged into another', async () => {
      const created = await intake(`moving-${walkRows ?? 'walk'}`, {
        organization: { name: `旧名称${walkRows ?? 0}株式会社`, prefectureCode: '47' },
        subject: '移転の相談',
      });
      const own = numbers[`moving-${walkRows ?? 'walk'}`]!;
      const org = (await operator.get(`/api/organizations/${created.organization.id}`)).body as {
        version: number;
      };
      await operator
        .patch(`/api/organizations/${created.organization.id}`, {
          name: `新名称${walkRows ?? 0}株式会社`,
          version: org.version,
        })
        .expect(200);
      expect(await search(`新名称${walkRows ?? 0}`)).toEqual([own]);
      expect(await search(`旧名称${walkRows ?? 0}`)).toEqual([]);

      // Merged: the case now belongs to the survivor and is found by its name.
      const survivor = await intake(`survivor-${walkRows ?? 'walk'}`, {
        organization: { name: `存続${walkRows ?? 0}工房`, prefectureCode: '46' },
        subject: '存続側の相談',
      });
      const current = (await operator.get(`/api/organizations/${survivor.organization.id}`))
        .body as { version: number };
      await operator
        .post(`/api/organizations/${survivor.organization.id}/merge`, {
          duplicateId: created.organization.id,
          version: current.version,
          reason: '同じ会社',
        })
        .expect(200);
      expect(await search(`存続${walkRows ?? 0}\u3000移転`)).toEqual([own]);
      expect(await search(`新名称${walkRows ?? 0}`)).toEqual([]);
    });
  });

  describe('the organization’s text on its cases', () => {
    const rowVersion = async (number: string) =>
      (
        await t.db.query<{ xmin: string; organization_search_text: string }[]>(
          `SELECT xmin::text, organization_search_text FROM "case" WHERE number = $1`,
          [number],
        )
      )[0]!;

    it('leaves the cases’ rows alone when the organization gains a contact, not when it is renamed', async () => {
      const created = await intake('contact-added', {
        organization: { name: '連絡先追加株式会社', prefectureCode: '01', phone: '011-555-0101' },
        subject: '担当者の追加',
      });
      const before = await rowVersion(numbers['contact-added']!);
      await operator
        .post(`/api/organizations/${created.organization.id}/contacts`, {
          name: '新任 次郎',
          phone: '011-555-0199',
        })
        .expect(201);
      expect(await rowVersion(numbers['contact-added']!)).toEqual(before);
      // The organization's own text (the typeahead's) has the contact's number.
      const [org] = await t.db.query<{ search_text: string }[]>(
        `SELECT search_text FROM organization WHERE id = $1`,
        [created.organization.id],
      );
      expect(org!.search_text).toContain('0115550199');

      const { version } = (await operator.get(`/api/organizations/${created.organization.id}`))
        .body as { version: number };
      await operator
        .patch(`/api/organizations/${created.organization.id}`, { phone: '011-555-0102', version })
        .expect(200);
      const after = await rowVersion(numbers['contact-added']!);
      expect(after.xmin).not.toBe(before.xmin);
      expect(after.organization_search_text).toContain('0115550102');
      expect(after.organization_search_text).not.toContain('0115550101');
    });
  });

  describe('the generated search_text and its SQL normalisation', () => {
    it('holds what libs/domain makes of the number, subject and description', async () => {
      const rows = await t.db.query<
        { number: string; subject: string; description: string; search_text: string }[]
      >(`SELECT number, subject, description, search_text FROM "case"`);
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        expect(row.search_text).toBe(caseSearchText(row));
      }
    });

    it('normalises every Unicode code point as normalizeForSearch does', async () => {
      const differ: string[] = [];
      for (let start = 0; start < 0x110000; start += 0x10000) {
        const samples: string[] = [];
        for (let cp = Math.max(1, start); cp < start + 0x10000; cp += 1) {
          if (cp < 0xd800 || cp > 0xdfff) {
            const c = String.fromCodePoint(cp);
            // Between letters: case, composition and folded spaces show.
            samples.push(`x${c}Y`);
          }
        }
        const rows = await t.db.query<{ n: string }[]>(
          `SELECT search_normalize(s) AS n FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i`,
          [samples],
        );
        rows.forEach((row, i) => {
          if (row.n !== normalizeForSearch(samples[i]!)) {
            differ.push(samples[i]!.codePointAt(1)!.toString(16));
          }
        });
      }
      // Compatibility forms newer than PostgreSQL 15's Unicode tables (modifier letters of
      // Unicode 15 and 16, outlined letters of 16): its NFKC leaves them as they are. Nobody
      // types them at a consultation desk; a newer PostgreSQL only shrinks this list.
      const newer = (cp: number) =>
        cp === 0xa7f1 || (cp >= 0x1ccd6 && cp <= 0x1ccf9) || (cp >= 0x1e030 && cp <= 0x1e06d);
      expect(differ.filter((cp) => !newer(parseInt(cp, 16)))).toEqual([]);
    }, 300_000);

    it('agrees on runs of spaces, composed kana and mixed text', async () => {
      const samples = [
        '  ＶＰＮ　と\tｸﾗｳﾄﾞ\n\u3000 ',
        'か\u3099ぎ ﾊﾟｿｺﾝ ㈱テレワーク ①②',
        'Ｗｅｂ会議\u00a0\u2003ＡＢＣ ÀÉÎ ΑΒΓ Привет İstanbul',
      ];
      const rows = await t.db.query<{ n: string }[]>(
        `SELECT search_normalize(s) AS n FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i`,
        [samples],
      );
      expect(rows.map((r) => r.n)).toEqual(samples.map(normalizeForSearch));
      // The one known difference: a word-final capital sigma (Greek text only).
      const [sigma] = await t.db.query<{ n: string }[]>(`SELECT search_normalize('ΟΔΟΣ') AS n`);
      expect([sigma!.n, normalizeForSearch('ΟΔΟΣ')]).toEqual(['οδοσ', 'οδος']);
    });
  });

  describe('date-only receivedFrom / receivedTo name whole Tokyo days', () => {
    const listed = async (filters: string): Promise<string[]> => {
      const res = await operator.get(`/api/cases?${filters}&limit=200`).expect(200);
      return (res.body as Listed).items
        .filter((i) => i.organizationName === '日付確認株式会社')
        .map((i) => i.number)
        .sort();
    };

    it('receivedTo=<date> includes a case received at 23:59 JST that day', async () => {
      expect(await listed('receivedTo=2019-01-12')).toEqual(only('before', 'first', 'last'));
    });

    it('receivedFrom=<date> includes a case received at 00:00 JST that day', async () => {
      expect(await listed('receivedFrom=2019-01-12')).toEqual(only('first', 'last', 'after'));
      expect(await listed('receivedFrom=2019-01-12&receivedTo=2019-01-12')).toEqual(
        only('first', 'last'),
      );
    });

    it('keeps a full ISO instant meaning that instant', async () => {
      // 23:59 JST is 14:59Z: the upper bound stays exclusive.
      expect(await listed('receivedTo=2019-01-12T14:59:00Z')).toEqual(only('before', 'first'));
      expect(
        await listed(`receivedFrom=${encodeURIComponent('2019-01-12T23:59:00+09:00')}`),
      ).toEqual(only('last', 'after'));
    });

    it('refuses a date that is not in the calendar, naming the field', async () => {
      const res = await operator.get('/api/cases?receivedTo=2019-02-30').expect(400);
      expect(JSON.stringify(res.body)).toContain('receivedTo');
    });

    it('applies on the CSV export of the case list', async () => {
      const res = await binary(
        operator.get('/api/cases/export?receivedFrom=2019-01-12&receivedTo=2019-01-12'),
      ).expect(200);
      const text = (res.body as Buffer).toString('utf8');
      for (const key of ['first', 'last']) {
        expect(text).toContain(numbers[key]!);
      }
      for (const key of ['before', 'after']) {
        expect(text).not.toContain(numbers[key]!);
      }
    });

    it('matches the reports’ case export (CSV and xlsx) for the same days', async () => {
      const manager = await signInAs(t, 'manager');
      const csv = await binary(
        manager.get('/api/reports/export?format=csv&from=2019-01-12&to=2019-01-12'),
      ).expect(200);
      const text = (csv.body as Buffer).toString('utf8');
      const xlsx = await binary(
        manager.get('/api/reports/export?format=xlsx&from=2019-01-12&to=2019-01-12'),
      ).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as ArrayBuffer);
      const inSheet: string[] = [];
      workbook.worksheets[0]!.eachRow((row, i) => {
        if (i > 1) {
          inSheet.push(row.getCell(1).text);
        }
      });
      expect(inSheet.sort()).toEqual(only('first', 'last'));
      for (const key of ['first', 'last']) {
        expect(text).toContain(numbers[key]!);
      }
      expect(text).not.toContain(numbers['after']!);
    });
  });

  describe('the search indexes take new keys into their pending lists', () => {
    it('finds a case and its organization before the lists are merged and after', async () => {
      const service = t.app.get(CaseListService);
      service.searchWalkRows = 1;
      service.searchWalkFirst = SEARCH_WALK_FIRST;
      const maintenance = t.app.get(SearchIndexMaintenanceService);
      await maintenance.flush();
      await intake('pending', {
        organization: { name: '保留中央精機', nameKana: 'ホリュウチュウオウセイキ' },
        subject: '勤怠管理の保留案件',
      });
      const typeahead = async () =>
        (
          (await operator.get(`/api/organizations?q=${encodeURIComponent('保留中央')}`).expect(200))
            .body as { items: { name: string }[] }
        ).items.map((o) => o.name);
      // Found while its keys wait in the lists (a search reads them besides the index tree)…
      expect(await search('保留案件')).toEqual([numbers.pending]);
      expect(await search('ホリュウ')).toEqual([numbers.pending]);
      expect(await typeahead()).toEqual(['保留中央精機']);
      // …which the intake filled (the merge answers the pages it emptied), and after the merge.
      expect(await maintenance.flush()).toBeGreaterThan(0);
      expect(await search('保留案件')).toEqual([numbers.pending]);
      expect(await search('ホリュウ')).toEqual([numbers.pending]);
      expect(await typeahead()).toEqual(['保留中央精機']);
      expect(await maintenance.flush()).toBe(0);
      service.searchWalkRows = SEARCH_WALK_ROWS;
    });
  });
});
