import { CasesRepository } from '../src/modules/cases/cases.repository';
import type { IntakeDto } from '../src/modules/cases/dto/intake.dto';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import { adminQuery, asOwner } from './support/test-database';

// Each intake's caller has their own line: a shared number would make every organization a
// likely duplicate of the first (that rule has its own spec, organization-duplicates).
let line = 100;
const intake = (overrides: Partial<IntakeDto> = {}) =>
  intakeBody({
    organization: {
      name: '株式会社みどり商店',
      nameKana: 'ミドリショウテン',
      prefectureCode: '13',
      industryCode: 'I',
      employees: 12,
    },
    contact: { name: '緑川 太郎', phone: `03-5555-${String((line += 1)).padStart(4, '0')}` },
    topics: ['LAB.TIME', 'ICT.SEC'],
    subject: '在宅勤務の労働時間管理について',
    description: '中抜けの扱いを知りたい。',
    callDirection: 'inbound',
    callDurationSeconds: 420,
    ...overrides,
  });

describe('cases', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let kinki: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
  });
  afterAll(() => t.close());

  describe('intake', () => {
    it('creates organization, contact, case and first timeline entry in one request', async () => {
      const res = await operator.post('/api/cases', intake()).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        number: expect.stringMatching(/^20\d{2}-\d{6}$/),
        status: 'new',
        channel: 'phone',
        deskId: 'national',
        assigneeId: operator.user.id,
        version: 1,
        topics: ['ICT.SEC', 'LAB.TIME'],
        callDurationSeconds: 420,
        organization: { id: expect.any(String), name: '株式会社みどり商店', sme: true },
        contact: { id: expect.any(String), name: '緑川 太郎', phone: '03-5555-0101' },
      });
      // A phone call is answered on contact.
      expect(res.body.firstRespondedAt).toBe(res.body.receivedAt);
      const timeline = await operator.get(`/api/cases/${res.body.id}/events`).expect(200);
      expect(timeline.body.items).toEqual([
        expect.objectContaining({
          kind: 'created',
          actorId: operator.user.id,
          body: '中抜けの扱いを知りたい。',
        }),
      ]);
    });

    it('numbers cases one after another within the fiscal year', async () => {
      const a = await operator
        .post('/api/cases', intake({ organization: { name: '連番A' } }))
        .expect(201);
      const b = await operator
        .post('/api/cases', intake({ organization: { name: '連番B' } }))
        .expect(201);
      const [fyA, seqA] = a.body.number.split('-');
      const [fyB, seqB] = b.body.number.split('-');
      expect(fyB).toBe(fyA);
      expect(Number(seqB)).toBe(Number(seqA) + 1);
    });

    it('takes the number in a transaction of its own that leaves its connection as it was', async () => {
      // Outside a transaction the number commits without waiting for the disk (CASE_SQL.nextNumberAlone):
      // that must end with its own transaction, not stay on a pooled connection for the next request.
      const numbers = t.app.get(CasesRepository);
      const runner = t.db.createQueryRunner();
      const setting = async () =>
        (await runner.query(`SELECT current_setting('synchronous_commit') AS s`))[0].s as string;
      try {
        const before = await setting();
        const first = await numbers.nextNumber(2030, runner.manager);
        expect(await setting()).toBe(before);
        // Inside the caller's transaction it is that transaction's: its commit still waits.
        await runner.startTransaction();
        expect(await numbers.nextNumber(2030, runner.manager)).toBe(first + 1);
        expect(await setting()).toBe(before);
        await runner.rollbackTransaction();
        expect(await numbers.nextNumber(2030, runner.manager)).toBe(first + 1);
      } finally {
        await runner.release();
      }
    });

    it('puts a case received in March into the previous fiscal year', async () => {
      const res = await operator
        .post(
          '/api/cases',
          intake({ organization: { name: '年度境界' }, receivedAt: '2026-03-31T14:59:00Z' }),
        )
        .expect(201);
      expect(res.body.number).toMatch(/^2025-/);
    });

    it('uses an existing organization and contact by id', async () => {
      const first = await operator
        .post('/api/cases', intake({ organization: { name: '既存組織' } }))
        .expect(201);
      const second = await operator
        .post('/api/cases', {
          ...intake(),
          organization: { id: first.body.organization.id },
          contact: { id: first.body.contact.id },
          channel: 'email',
        })
        .expect(201);
      expect(second.body.organization.id).toBe(first.body.organization.id);
      expect(second.body.contact.id).toBe(first.body.contact.id);
      expect(second.body.firstRespondedAt).toBeNull(); // email waits for a reply
    });

    it('refuses a contact of another organization', async () => {
      const a = await operator
        .post('/api/cases', intake({ organization: { name: '組織甲' } }))
        .expect(201);
      const b = await operator
        .post('/api/cases', intake({ organization: { name: '組織乙' } }))
        .expect(201);
      const res = await operator
        .post('/api/cases', {
          ...intake(),
          organization: { id: a.body.organization.id },
          contact: { id: b.body.contact.id },
        })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'contact.id' })]);
    });

    it('gives a case logged by regional desk staff to their desk', async () => {
      const res = await kanto
        .post('/api/cases', intake({ channel: 'walk_in', organization: { name: '関東の会社' } }))
        .expect(201);
      expect(res.body.deskId).toBe('kanto');
    });

    it.each([
      [
        'an invalid corporate number',
        { organization: { name: 'X', corporateNumber: '1234567890123' } },
        'organization.corporateNumber',
      ],
      [
        'a bad prefecture code',
        { organization: { name: 'X', prefectureCode: '00' } },
        'organization.prefectureCode',
      ],
      ['an unknown topic', { topics: ['LAB.TIME', 'LAB.NOPE'] }, 'topics'],
      ['no topics', { topics: [] }, 'topics'],
      ['a missing subject', { subject: undefined }, 'subject'],
      ['an unknown channel', { channel: 'fax' }, 'channel'],
      [
        'a new organization without a name',
        { organization: { prefectureCode: '13' } },
        'organization.name',
      ],
      ['a contact with a bad phone', { contact: { name: 'A', phone: '12' } }, 'contact.phone'],
    ])('answers %s with 400 naming the field', async (_label, overrides, field) => {
      // Deliberately invalid, so spread over a valid body rather than typed as one.
      const res = await operator.post('/api/cases', { ...intake(), ...overrides }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM organization WHERE name = 'X'`,
      );
      expect(n).toBe(0);
    });

    it('rolls everything back when a later step fails', async () => {
      const before = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
      await operator
        .post('/api/cases', {
          ...intake({ organization: { name: '巻き戻し' } }),
          contact: { id: '00000000-0000-4000-8000-000000000000' },
        })
        .expect(400);
      const after = await t.db.query(`SELECT count(*)::int AS n FROM organization`);
      expect(after[0].n).toBe(before[0].n);
    });
  });

  describe('idempotency', () => {
    it('returns the same case for a retried request with the same key', async () => {
      const body = intake({ organization: { name: '冪等テスト' } });
      const first = await operator
        .post('/api/cases', body)
        .set('idempotency-key', 'call-7781')
        .expect(201);
      const retry = await operator
        .post('/api/cases', body)
        .set('idempotency-key', 'call-7781')
        .expect(201);
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM organization WHERE name = '冪等テスト'`,
      );
      expect(n).toBe(1);
    });

    it('answers 422 when the same key comes with a different body', async () => {
      await operator
        .post('/api/cases', intake({ organization: { name: '鍵1' } }))
        .set('idempotency-key', 'k-1')
        .expect(201);
      const res = await operator
        .post('/api/cases', intake({ organization: { name: '鍵2' } }))
        .set('idempotency-key', 'k-1')
        .expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys per user', async () => {
      const body = intake({ organization: { name: '利用者別' } });
      const mine = await operator
        .post('/api/cases', body)
        .set('idempotency-key', 'shared')
        .expect(201);
      // The same newcomer logged again would be a likely duplicate; this test is about the key.
      const again = {
        ...body,
        organization: { name: '利用者別', duplicateOverrideReason: '鍵の試験' },
      };
      const theirs = await kanto
        .post('/api/cases', again)
        .set('idempotency-key', 'shared')
        .expect(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('creates exactly one case when the same key races', async () => {
      const body = intake({ organization: { name: '同時送信' } });
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          operator.post('/api/cases', body).set('idempotency-key', 'race-1'),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    });
  });

  describe('edits, lifecycle and timeline', () => {
    let id: string;

    beforeEach(async () => {
      id = (
        await operator
          .post('/api/cases', intake({ organization: { name: `編集${Date.now()}` } }))
          .expect(201)
      ).body.id;
    });

    it('refuses a stale edit with 409 and the current version', async () => {
      await operator.patch(`/api/cases/${id}`, { subject: '件名A', version: 1 }).expect(200);
      const stale = await operator
        .patch(`/api/cases/${id}`, { subject: '件名B', version: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'CASE_VERSION_CONFLICT', currentVersion: 2 });
      const current = await operator.get(`/api/cases/${id}`).expect(200);
      expect(current.body.subject).toBe('件名A');
    });

    it('accepts only allowed transitions and records them', async () => {
      await operator
        .post(`/api/cases/${id}/transitions`, { to: 'in_progress', version: 1 })
        .expect(200);
      const skip = await operator
        .post(`/api/cases/${id}/transitions`, { to: 'in_sessions', version: 2 })
        .expect(409);
      expect(skip.body).toMatchObject({
        code: 'CASE_TRANSITION_NOT_ALLOWED',
        status: 'in_progress',
      });
      await operator
        .post(`/api/cases/${id}/transitions`, { to: 'resolved', version: 2 })
        .expect(200);
      const noOutcome = await operator
        .post(`/api/cases/${id}/transitions`, { to: 'closed', version: 3 })
        .expect(400);
      expect(noOutcome.body).toMatchObject({
        code: 'CASE_OUTCOME_REQUIRED',
        details: [{ field: 'outcome' }],
      });
      const noReason = await operator
        .post(`/api/cases/${id}/transitions`, {
          to: 'closed',
          version: 3,
          outcome: 'not_adopted',
          outcomeConfirmedOn: '2026-11-20',
        })
        .expect(400);
      expect(noReason.body.details).toEqual([
        expect.objectContaining({ field: 'notAdoptedReason' }),
      ]);
      const closed = await operator
        .post(`/api/cases/${id}/transitions`, {
          to: 'closed',
          version: 3,
          outcome: 'adopted',
          outcomeConfirmedOn: '2026-11-20',
        })
        .expect(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        outcome: 'adopted',
        outcomeConfirmedOn: '2026-11-20',
        version: 4,
      });
      expect(closed.body.closedAt).not.toBeNull();
      const reopened = await operator
        .post(`/api/cases/${id}/transitions`, { to: 'in_progress', version: 4, note: '追加の相談' })
        .expect(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', outcome: null, closedAt: null });
      const timeline = await operator.get(`/api/cases/${id}/events`).expect(200);
      expect(
        timeline.body.items.map(
          (e: { kind: string; data: { to?: string } }) => `${e.kind}:${e.data.to ?? ''}`,
        ),
      ).toEqual([
        'created:',
        'status_changed:in_progress',
        'status_changed:resolved',
        'status_changed:closed',
        // Closing adopted moved the organization's telework status forward, on this timeline.
        'telework_status_changed:adopted',
        'status_changed:in_progress',
      ]);
    });

    it('appends timeline entries in order and records the first response', async () => {
      const emailCase = (
        await operator
          .post(
            '/api/cases',
            intake({ channel: 'email', organization: { name: `メール${Date.now()}` } }),
          )
          .expect(201)
      ).body;
      expect(emailCase.firstRespondedAt).toBeNull();
      await operator
        .post(`/api/cases/${emailCase.id}/events`, { kind: 'note', body: '社内メモ' })
        .expect(201);
      let current = await operator.get(`/api/cases/${emailCase.id}`).expect(200);
      expect(current.body.firstRespondedAt).toBeNull();
      await operator
        .post(`/api/cases/${emailCase.id}/events`, { kind: 'email_out', body: 'ご回答します。' })
        .expect(201);
      current = await operator.get(`/api/cases/${emailCase.id}`).expect(200);
      expect(current.body.firstRespondedAt).not.toBeNull();
      const timeline = await operator.get(`/api/cases/${emailCase.id}/events`).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual([
        'created',
        'note',
        'email_out',
      ]);
      // The API's role may not change the timeline at all; even the owner meets the trigger.
      await expect(t.db.query(`UPDATE case_event SET body = 'x'`)).rejects.toThrow(
        /permission denied for table case_event/,
      );
      await adminQuery(asOwner(t.settings.databaseUrl), (owner) =>
        expect(owner.query(`UPDATE case_event SET body = 'x'`)).rejects.toThrow(/append-only/),
      );
    });

    it('records a referral to a program of the catalogue, once', async () => {
      const programs = await operator.get('/api/referral-programs').expect(200);
      const subsidy = programs.body.items.find(
        (p: { code: string }) => p.code === 'mhlw.jinzai-kakuho.telework',
      );
      expect(subsidy).toMatchObject({ fiscalYear: 2026, kind: 'subsidy' });
      const referral = await operator
        .post(`/api/cases/${id}/referrals`, { programId: subsidy.id, note: '申請方法を案内' })
        .expect(201);
      expect(referral.body.program.code).toBe('mhlw.jinzai-kakuho.telework');
      await operator.post(`/api/cases/${id}/referrals`, { programId: subsidy.id }).expect(409);
      const timeline = await operator.get(`/api/cases/${id}/events`).expect(200);
      expect(timeline.body.items.at(-1)).toMatchObject({
        kind: 'referral',
        data: { code: 'mhlw.jinzai-kakuho.telework' },
      });
    });
  });

  describe('scope', () => {
    let kinkiCase: string;

    beforeAll(async () => {
      kinkiCase = (
        await kinki.post('/api/cases', intake({ organization: { name: '近畿の会社' } })).expect(201)
      ).body.id;
    });

    it('hides another desk’s case from regional staff with 404, including its children', async () => {
      await kanto.get(`/api/cases/${kinkiCase}`).expect(404);
      await kanto.get(`/api/cases/${kinkiCase}/events`).expect(404);
      await kanto.post(`/api/cases/${kinkiCase}/events`, { kind: 'note', body: 'x' }).expect(404);
      await kanto.patch(`/api/cases/${kinkiCase}`, { subject: 'x', version: 1 }).expect(404);
      const list = await kanto.get('/api/cases?limit=200').expect(200);
      expect(list.body.items.every((c: { deskId: string }) => c.deskId === 'kanto')).toBe(true);
      await kinki.get(`/api/cases/${kinkiCase}`).expect(200);
    });

    it('gives an expert 404 until a session with them exists', async () => {
      const expert = await signInAs(t, 'expert', null);
      await expert.get(`/api/cases/${kinkiCase}`).expect(404);
      const list = await expert.get('/api/cases').expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('lets managers read but not write', async () => {
      const manager = await signInAs(t, 'manager');
      await manager.get(`/api/cases/${kinkiCase}`).expect(200);
      await manager.patch(`/api/cases/${kinkiCase}`, { subject: 'x', version: 1 }).expect(403);
      const kantoManager = await signInAs(t, 'manager', 'kanto');
      await kantoManager.get(`/api/cases/${kinkiCase}`).expect(404);
    });

    it('audits every case view', async () => {
      await operator.get(`/api/cases/${kinkiCase}`).expect(200);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.viewed' AND entity_id = $1 AND actor_id = $2`,
        [kinkiCase, operator.user.id],
      );
      expect(n).toBe(1);
    });
  });

  describe('listing', () => {
    beforeAll(async () => {
      await operator
        .post(
          '/api/cases',
          intake({
            channel: 'email',
            topics: ['ICT.NET'],
            organization: {
              name: 'フィルタ通信',
              nameKana: 'ふぃるたつうしん',
              prefectureCode: '27',
              industryCode: 'G',
            },
          }),
        )
        .expect(201);
      await operator
        .post(
          '/api/cases',
          intake({
            channel: 'seminar',
            topics: ['LAB.EVAL'],
            organization: { name: 'フィルタ評価', prefectureCode: '01' },
          }),
        )
        .expect(201);
    });

    const numbers = async (session: SignedIn, query: string) =>
      (await session.get(`/api/cases?${query}`).expect(200)).body.items as {
        subject: string;
        channel: string;
        topics: string[];
        prefectureCode: string;
      }[];

    it('filters by channel, topic (code or category), prefecture and industry', async () => {
      expect(
        (await numbers(operator, 'channel=seminar')).every((c) => c.channel === 'seminar'),
      ).toBe(true);
      expect(
        (await numbers(operator, 'topic=ICT.NET')).every((c) => c.topics.includes('ICT.NET')),
      ).toBe(true);
      expect(
        (await numbers(operator, 'topic=LAB')).every((c) =>
          c.topics.some((x) => x.startsWith('LAB.')),
        ),
      ).toBe(true);
      const osaka = await numbers(operator, 'prefectureCode=27&industryCode=G');
      expect(osaka.length).toBeGreaterThan(0);
      expect(osaka.every((c) => c.prefectureCode === '27')).toBe(true);
    });

    it('lists the cases of one organization', async () => {
      const first = await operator
        .post('/api/cases', intake({ organization: { name: '組織別一覧商事' } }))
        .expect(201);
      const organizationId = (first.body as { organization: { id: string } }).organization.id;
      await operator
        .post('/api/cases', intake({ organization: { id: organizationId }, subject: '二件目' }))
        .expect(201);
      const res = await operator.get(`/api/cases?organizationId=${organizationId}`).expect(200);
      const items = res.body.items as { organizationId: string; subject: string }[];
      expect(items.map((c) => c.subject).sort()).toEqual([
        '二件目',
        '在宅勤務の労働時間管理について',
      ]);
      expect(items.every((c) => c.organizationId === organizationId)).toBe(true);
      const bad = await operator.get('/api/cases?organizationId=nope').expect(400);
      expect(bad.body.details[0].field).toBe('organizationId');
    });

    it('filters by regional block and size band, as the reports group them', async () => {
      for (const [name, employees] of [
        ['規模帯ゼロ', 0],
        ['規模帯大手', 301],
      ] as const) {
        await operator
          .post('/api/cases', intake({ organization: { name, prefectureCode: '13', employees } }))
          .expect(201);
      }
      const names = async (query: string) =>
        (
          (await operator.get(`/api/cases?limit=200&${query}`).expect(200)).body.items as {
            organizationName: string;
            prefectureCode: string | null;
          }[]
        ).map((c) => c.organizationName);
      const kinki = await names('block=kinki');
      expect(kinki).toContain('フィルタ通信');
      expect(kinki).not.toContain('フィルタ評価');
      expect(await names('block=hokkaido')).toContain('フィルタ評価');
      expect(await names('block=kanto')).toEqual(
        expect.arrayContaining(['規模帯ゼロ', '規模帯大手']),
      );
      // 0 employees sits in the first band, as libs/domain's sizeBand puts it.
      expect(await names('sizeBand=1-4')).toContain('規模帯ゼロ');
      const large = await names('sizeBand=301%2B');
      expect(large).toContain('規模帯大手');
      expect(large).not.toContain('規模帯ゼロ');
      expect(await names('sizeBand=101-300')).not.toContain('規模帯大手');
      // フィルタ通信 was registered without a head count.
      const unknown = await names('sizeBand=unknown');
      expect(unknown).toContain('フィルタ通信');
      expect(unknown).not.toContain('規模帯大手');
      expect(await names('block=kanto&sizeBand=301%2B')).toContain('規模帯大手');
    });

    it('finds by organization reading typed in hiragana or katakana', async () => {
      const res = await operator
        .get(`/api/cases?q=${encodeURIComponent('フィルタツウシン')}`)
        .expect(200);
      expect(res.body.items.map((c: { organizationName: string }) => c.organizationName)).toEqual([
        'フィルタ通信',
      ]);
    });

    it('pages with a cursor without repeating or skipping', async () => {
      const all = (await operator.get('/api/cases?limit=200').expect(200)).body.items.map(
        (c: { id: string }) => c.id,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await operator
          .get(`/api/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        const page = res.body as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    });

    it('names a bad filter', async () => {
      const res = await operator.get('/api/cases?status=open&prefectureCode=99').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'prefectureCode',
        'status',
      ]);
    });

    it('names a bad block or size band', async () => {
      const res = await operator.get('/api/cases?block=tokai&sizeBand=7').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'block',
        'sizeBand',
      ]);
    });
  });
});
