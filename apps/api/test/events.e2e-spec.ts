import iconv from 'iconv-lite';
import { makeExpert, nextFreeStart } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

interface EventBody {
  id: string;
  fiscalYear: number;
  version: number;
  counts: Record<string, number>;
}

const eventBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'seminar',
  title: 'テレワーク導入セミナー',
  startsAt: '2026-11-10T05:00:00.000Z',
  endsAt: '2026-11-10T07:00:00.000Z',
  venue: '東京商工会議所 会議室',
  prefectureCode: '13',
  capacity: 40,
  organizerKind: 'chamber_of_commerce',
  organizerName: '東京商工会議所',
  coSponsors: ['東京都'],
  topics: ['LAB.RULES'],
  ...overrides,
});

const HEADER = '会社名,氏名,フリガナ,電話番号,メールアドレス,従業員数,所在地,法人番号';

describe('outreach events', () => {
  let t: TestApp;
  let operator: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
  });
  afterAll(() => t.close());

  async function createEvent(overrides: Record<string, unknown> = {}): Promise<EventBody> {
    const res = await operator.post('/api/events', eventBody(overrides)).expect(201);
    return res.body as EventBody;
  }

  async function organization(name: string): Promise<string> {
    const res = await operator
      .post('/api/cases', intakeBody({ organization: { name }, contact: { name: '窓口 花子' } }))
      .expect(201);
    return (res.body as { organization: { id: string } }).organization.id;
  }

  describe('CRUD', () => {
    it('creates, reads, lists with filters, updates with a version and deletes an event', async () => {
      // 31 March 23:30 JST is still fiscal 2026's last day; the next morning is 2027.
      const late = await createEvent({
        startsAt: '2027-03-31T14:30:00.000Z',
        endsAt: '2027-03-31T14:50:00.000Z',
        kind: 'telework_month',
        organizerKind: 'regional_desk',
        organizerDeskId: 'kanto',
        organizerName: undefined,
      });
      expect(late.fiscalYear).toBe(2026);
      const early = await createEvent({
        startsAt: '2027-03-31T15:00:00.000Z',
        endsAt: '2027-03-31T16:00:00.000Z',
      });
      expect(early.fiscalYear).toBe(2027);

      const got = await operator.get(`/api/events/${late.id}`).expect(200);
      expect(got.body).toMatchObject({
        kind: 'telework_month',
        organizerKind: 'regional_desk',
        organizerDeskId: 'kanto',
        organizerName: null,
        coSponsors: ['東京都'],
        counts: { registered: 0, waitlisted: 0 },
      });

      const byDesk = await operator.get('/api/events?fiscalYear=2026&deskId=kanto').expect(200);
      expect((byDesk.body.items as EventBody[]).map((e) => e.id)).toEqual([late.id]);
      const byKind = await operator.get('/api/events?kind=telework_month&party=regional_desk');
      expect((byKind.body.items as EventBody[]).map((e) => e.id)).toContain(late.id);
      expect((byKind.body.items as EventBody[]).map((e) => e.id)).not.toContain(early.id);

      const updated = await operator
        .patch(`/api/events/${early.id}`, { version: early.version, title: '改題', capacity: 10 })
        .expect(200);
      expect(updated.body).toMatchObject({ title: '改題', capacity: 10, version: 2 });
      const stale = await operator
        .patch(`/api/events/${early.id}`, { version: early.version, title: '古い版' })
        .expect(409);
      expect(stale.body.code).toBe('EVENT_VERSION_CONFLICT');

      await operator.delete(`/api/events/${early.id}`).expect(204);
      await operator.get(`/api/events/${early.id}`).expect(404);
    });

    it('answers 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: 'party' }, 'kind'],
        [{ title: '' }, 'title'],
        [{ startsAt: 'tomorrow' }, 'startsAt'],
        [{ endsAt: '2026-11-10T04:00:00.000Z' }, 'endsAt'],
        [{ capacity: 0 }, 'capacity'],
        [{ organizerKind: 'regional_desk' }, 'organizerDeskId'],
        [{ organizerKind: 'regional_desk', organizerDeskId: 'atlantis' }, 'organizerDeskId'],
        [{ venue: undefined, onlineUrl: undefined }, 'venue'],
        [{ onlineUrl: 'ftp://example.jp' }, 'onlineUrl'],
        [{ topics: ['NOPE'] }, 'topics'],
        [{ prefectureCode: '48' }, 'prefectureCode'],
      ];
      for (const [overrides, field] of cases) {
        const res = await operator.post('/api/events', eventBody(overrides));
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const filter = await operator.get('/api/events?fiscalYear=abc').expect(400);
      expect(filter.body.details[0].field).toBe('fiscalYear');
    });

    it('keeps experts out', async () => {
      const expert = await signInAs(t, 'expert');
      await expert.get('/api/events').expect(403);
    });
  });

  describe('registrations', () => {
    it('never goes over capacity under concurrent registration', async () => {
      const event = await createEvent({ capacity: 5 });
      const organizationId = await organization('同時登録商事');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          operator.post(`/api/events/${event.id}/registrations`, {
            organizationId,
            name: `参加者${i}`,
            email: `p${i}@concurrent.example.jp`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const statuses = results.map((r) => r.body.status as string);
      expect(statuses.filter((s) => s === 'registered')).toHaveLength(5);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(15);
      const got = await operator.get(`/api/events/${event.id}`).expect(200);
      expect(got.body.counts).toMatchObject({ registered: 5, waitlisted: 15 });

      // Cancelling a seat gives it to the first on the waiting list.
      const list = await operator.get(`/api/events/${event.id}/registrations`).expect(200);
      const items = list.body.items as { id: string; status: string; registeredAt: string }[];
      const seat = items.find((r) => r.status === 'registered')!;
      const firstWaiting = items.find((r) => r.status === 'waitlisted')!;
      await operator
        .post(`/api/events/${event.id}/registrations/${seat.id}/cancel`)
        .expect(200)
        .expect((res) => expect(res.body.status).toBe('cancelled'));
      const after = await operator.get(`/api/events/${event.id}/registrations`).expect(200);
      const promoted = (after.body.items as { id: string; status: string }[]).find(
        (r) => r.id === firstWaiting.id,
      );
      expect(promoted?.status).toBe('registered');
      await operator
        .post(`/api/events/${event.id}/registrations/${seat.id}/cancel`)
        .expect(409)
        .expect((res) => expect(res.body.code).toBe('EVENT_REGISTRATION_STATE_CONFLICT'));

      // The same address twice is refused; an event with registrations is not deleted.
      const again = await operator
        .post(`/api/events/${event.id}/registrations`, {
          organizationId,
          name: '再登録',
          email: 'P3@concurrent.example.jp',
        })
        .expect(409);
      expect(again.body.code).toBe('EVENT_REGISTRATION_EXISTS');
      const del = await operator.delete(`/api/events/${event.id}`).expect(409);
      expect(del.body.code).toBe('EVENT_HAS_REGISTRATIONS');

      // More seats move the waiting list up.
      await operator
        .patch(`/api/events/${event.id}`, { version: event.version, capacity: 8 })
        .expect(200)
        .expect((res) => expect(res.body.counts).toMatchObject({ registered: 8, waitlisted: 11 }));
    });

    it('marks attendance and opens a seminar case from an attendee, once', async () => {
      const event = await createEvent();
      const organizationId = await organization('出席確認工業');
      const reg = await operator
        .post(`/api/events/${event.id}/registrations`, {
          organizationId,
          name: '出席 一郎',
          email: 'ichiro@attend.example.jp',
          phone: '03-5555-0101',
        })
        .expect(201);
      const id = reg.body.id as string;
      const bad = await operator
        .post(`/api/events/${event.id}/registrations/${id}/attendance`, { attendance: 'maybe' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('attendance');
      await operator
        .post(`/api/events/${event.id}/registrations/${id}/attendance`, { attendance: 'attended' })
        .expect(200)
        .expect((res) => expect(res.body.attendance).toBe('attended'));

      const opened = await operator
        .post(`/api/events/${event.id}/registrations/${id}/case`, {})
        .expect(201);
      expect(opened.body.registration).toMatchObject({
        caseId: opened.body.caseId,
        caseNumber: opened.body.caseNumber,
      });
      const kase = await operator.get(`/api/cases/${opened.body.caseId as string}`).expect(200);
      expect(kase.body).toMatchObject({ channel: 'seminar', topics: ['LAB.RULES'] });
      expect(kase.body.organization.id).toBe(organizationId);
      expect(kase.body.contact).toMatchObject({ name: '出席 一郎' });
      const timeline = await operator
        .get(`/api/cases/${opened.body.caseId as string}/events`)
        .expect(200);
      expect(JSON.stringify(timeline.body)).toContain(event.id);

      const twice = await operator
        .post(`/api/events/${event.id}/registrations/${id}/case`, {})
        .expect(409);
      expect(twice.body.code).toBe('EVENT_REGISTRATION_STATE_CONFLICT');
      // Managers read but do not open cases.
      await manager.post(`/api/events/${event.id}/registrations/${id}/case`, {}).expect(403);
    });
  });

  it('moves registrations with an organization merged into another', async () => {
    const event = await createEvent();
    const survivor = await operator
      .post('/api/cases', intakeBody({ organization: { name: '合併存続商事' } }))
      .expect(201);
    const duplicateId = await organization('合併消滅商事');
    await operator
      .post(`/api/events/${event.id}/registrations`, {
        organizationId: duplicateId,
        name: '合併 太郎',
        email: 'merge@merge.example.jp',
      })
      .expect(201);
    const survivorOrg = survivor.body.organization as { id: string; version: number };
    await manager
      .post(`/api/organizations/${survivorOrg.id}/merge`, {
        duplicateId,
        version: survivorOrg.version,
        reason: '同一法人',
      })
      .expect(200);
    const list = await operator.get(`/api/events/${event.id}/registrations`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ organizationId: survivorOrg.id, organizationName: '合併存続商事' }),
    ]);
  });

  describe('attendee import', () => {
    it('decides 500 Shift_JIS rows in a dry run, then commits the same decisions', async () => {
      const event = await createEvent({ capacity: 1000 });
      // On file before the import: matched by corporate number, by a contact's address, by name.
      await operator
        .post(
          '/api/cases',
          intakeBody({
            organization: { name: '法人番号照合株式会社', corporateNumber: '7123456789012' },
          }),
        )
        .expect(201);
      await operator
        .post(
          '/api/cases',
          intakeBody({
            organization: { name: 'メール照合合同会社' },
            contact: { name: '既存 太郎', email: 'known@mail-match.example.jp' },
          }),
        )
        .expect(201);
      await organization('名前照合商店');

      const lines = [HEADER];
      const bad = new Map<number, string>();
      for (let i = 0; i < 500; i += 1) {
        const line = i + 2; // the header is line 1
        const n = String(i).padStart(3, '0');
        let row = `㈱髙橋テスト${n},参加 ${n},サンカ ${n},03-5000-1${n},user${n}@import${n}.example.jp,${10 + i},東京都千代田区${n},`;
        if (i === 0) {
          row = `法人番号照合（株）,照合 一,ショウゴウ,,a0@cn.example.jp,50,大阪府大阪市,7123456789012`;
        } else if (i === 1) {
          row = `別名の会社,照合 二,,,known@mail-match.example.jp,,,`;
        } else if (i === 2) {
          row = `名前照合商店,照合 三,,,c2@other.example.jp,,,`;
        } else if (i % 50 === 7) {
          row = `,名無し ${n},,03-5000-2${n},x${n}@bad.example.jp,,,`;
          bad.set(line, 'organization_name_missing');
        } else if (i % 50 === 17) {
          row = `悪いメール${n},参加 ${n},,,not-an-address,,,`;
          bad.set(line, 'email_invalid');
        } else if (i % 50 === 27) {
          row = `悪い電話${n},参加 ${n},,12-34,,,,`;
          bad.set(line, 'phone_invalid');
        } else if (i % 50 === 37) {
          row = `重複${n},参加 ${n},,,user000@import000.example.jp,,,`;
          bad.set(line, 'duplicate_in_file');
        }
        lines.push(row);
      }
      // Row 0 carries the address the "duplicate in file" rows repeat.
      lines[1] = lines[1]!.replace('a0@cn.example.jp', 'user000@import000.example.jp');
      const file = iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
      expect(file.includes(Buffer.from('㈱', 'utf8'))).toBe(false);
      const body = { fileName: 'attendees.csv', contentBase64: file.toString('base64') };

      const dry = await operator
        .post(`/api/events/${event.id}/imports?dryRun=true`, body)
        .expect(200);
      expect(dry.body).toMatchObject({ dryRun: true, format: 'csv', encoding: 'cp932' });
      expect(dry.body.totals).toEqual({ rows: 500, create: 457, match: 3, reject: 40 });
      const rows = dry.body.rows as {
        line: number;
        action: string;
        reasons: string[];
        matchedOn: string[];
        organizationName: string;
      }[];
      expect(rows[0]).toMatchObject({ action: 'match', matchedOn: ['corporate_number', 'name'] });
      expect(rows[1]).toMatchObject({ action: 'match', matchedOn: ['email'] });
      expect(rows[2]).toMatchObject({ action: 'match', matchedOn: ['name'] });
      expect(rows[3]).toMatchObject({ action: 'create', organizationName: '㈱髙橋テスト003' });
      for (const row of rows.filter((r) => r.action === 'reject')) {
        expect(row.reasons).toContain(bad.get(row.line));
      }
      expect(rows.filter((r) => r.action === 'reject')).toHaveLength(bad.size);
      // Nothing was written.
      const untouched = await operator.get(`/api/events/${event.id}`).expect(200);
      expect(untouched.body.counts.registered).toBe(0);

      const commit = await operator.post(`/api/events/${event.id}/imports`, body).expect(200);
      expect(commit.body.totals).toEqual(dry.body.totals);
      expect((commit.body.rows as { action: string }[]).map((r) => r.action)).toEqual(
        rows.map((r) => r.action),
      );
      const after = await operator.get(`/api/events/${event.id}`).expect(200);
      expect(after.body.counts.registered).toBe(460);
      const csv = commit.body.rejectedCsv as string;
      expect(csv.startsWith('\uFEFF会社名,氏名')).toBe(true);
      expect(csv.split('\r\n').length + csv.split('\n').length).toBeGreaterThan(20);
      expect(csv).toContain('メールアドレスの形式が正しくありません');

      // The same list again: every good row is already registered, nothing is created twice.
      const again = await operator
        .post(`/api/events/${event.id}/imports?dryRun=true`, body)
        .expect(200);
      expect(again.body.totals).toMatchObject({ create: 0, match: 0, reject: 500 });
    }, 240_000);

    it('reads UTF-8 with a BOM, takes a mapping override and names bad input', async () => {
      const event = await createEvent();
      const text = '\uFEFF企業名,担当,連絡先メール\r\nBOM商事,ボム 太郎,bom@bom.example.jp\r\n';
      const body = {
        fileName: 'list.csv',
        contentBase64: Buffer.from(text, 'utf8').toString('base64'),
        mapping: { name: 1, email: 2 },
      };
      const dry = await operator
        .post(`/api/events/${event.id}/imports?dryRun=true`, body)
        .expect(200);
      expect(dry.body).toMatchObject({
        encoding: 'utf8',
        headers: ['企業名', '担当', '連絡先メール'],
        mapping: { organizationName: 0, name: 1, email: 2 },
        totals: { rows: 1, create: 1 },
      });
      const outOfRange = await operator
        .post(`/api/events/${event.id}/imports?dryRun=true`, { ...body, mapping: { name: 9 } })
        .expect(400);
      expect(outOfRange.body.details[0].field).toBe('mapping.name');
      const notBase64 = await operator
        .post(`/api/events/${event.id}/imports`, { fileName: 'x.csv', contentBase64: '***' })
        .expect(400);
      expect(notBase64.body.details[0].field).toBe('contentBase64');
      const notXlsx = await operator
        .post(`/api/events/${event.id}/imports`, {
          fileName: 'x.xlsx',
          contentBase64: Buffer.from('PK\u0003\u0004garbage').toString('base64'),
        })
        .expect(400);
      expect(notXlsx.body.details[0].field).toBe('contentBase64');
      const dryRunFlag = await operator
        .post(`/api/events/${event.id}/imports?dryRun=maybe`, body)
        .expect(400);
      expect(dryRunFlag.body.details[0].field).toBe('dryRun');
    });
  });

  describe('funnel', () => {
    it('counts registrations → attended → cases → first session → adopted as hand-counted', async () => {
      const fy = 2031;
      const inFy = { startsAt: '2031-06-01T01:00:00.000Z', endsAt: '2031-06-01T03:00:00.000Z' };
      const a = await createEvent({ ...inFy, kind: 'experience_seminar', prefectureCode: '27' });
      const b = await createEvent({ ...inFy, kind: 'exchange_event', prefectureCode: '27' });
      const orgs = await Promise.all(
        ['漏斗一', '漏斗二', '漏斗三', '漏斗四', '漏斗五'].map(organization),
      );
      const register = async (eventId: string, organizationId: string, n: string) =>
        (
          await operator
            .post(`/api/events/${eventId}/registrations`, {
              organizationId,
              name: `漏斗 ${n}`,
              email: `${n}@funnel.example.jp`,
            })
            .expect(201)
        ).body.id as string;
      const [r1, r2, r3, r4] = [
        await register(a.id, orgs[0]!, 'r1'),
        await register(a.id, orgs[1]!, 'r2'),
        await register(a.id, orgs[2]!, 'r3'),
        await register(a.id, orgs[3]!, 'r4'),
      ];
      const r5 = await register(b.id, orgs[4]!, 'r5');
      const mark = (eventId: string, id: string, attendance: string) =>
        operator
          .post(`/api/events/${eventId}/registrations/${id}/attendance`, { attendance })
          .expect(200);
      await mark(a.id, r1, 'attended');
      await mark(a.id, r2, 'attended');
      await mark(a.id, r3, 'no_show');
      await operator.post(`/api/events/${a.id}/registrations/${r4}/cancel`).expect(200);
      await mark(b.id, r5, 'attended');
      const open = async (eventId: string, id: string) =>
        (await operator.post(`/api/events/${eventId}/registrations/${id}/case`, {}).expect(201))
          .body.caseId as string;
      const c1 = await open(a.id, r1);
      await open(a.id, r2);
      const c5 = await open(b.id, r5);
      const expert = await makeExpert(t);
      for (const caseId of [c1, c5]) {
        await operator
          .post(`/api/cases/${caseId}/sessions`, {
            expertId: expert.id,
            kind: 'assessment',
            scheduledStart: nextFreeStart().toISOString(),
            durationMinutes: 60,
            mode: 'online',
          })
          .expect(201);
      }
      await t.db.query(`UPDATE organization SET telework_status = 'adopted' WHERE id = ANY($1)`, [
        [orgs[0], orgs[4]],
      ]);

      const all = await manager.get(`/api/reports/events-funnel?fiscalYear=${fy}`).expect(200);
      // a: r1..r3 live (r4 cancelled); b: r5.
      expect(all.body.totals).toEqual({
        registrations: 4,
        attended: 3,
        casesOpened: 3,
        firstSession: 2,
        adopted: 2,
      });
      const onlyA = await manager
        .get(
          `/api/reports/events-funnel?fiscalYear=${fy}&kind=experience_seminar&party=chamber_of_commerce&prefecture=27`,
        )
        .expect(200);
      expect(onlyA.body.totals).toEqual({
        registrations: 3,
        attended: 2,
        casesOpened: 2,
        firstSession: 1,
        adopted: 1,
      });
      expect(onlyA.body.events).toHaveLength(1);
      const none = await manager
        .get(`/api/reports/events-funnel?fiscalYear=${fy}&prefecture=13`)
        .expect(200);
      expect(none.body.totals.registrations).toBe(0);
      const badQuery = await manager.get('/api/reports/events-funnel?prefecture=99').expect(400);
      expect(badQuery.body.details[0].field).toBe('prefecture');
      await operator.get('/api/reports/events-funnel').expect(403);
    });
  });
});
