import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { REFERENCE_CACHE_TTL_MS, referenceCache } from '../src/database/reference-cache';
import { createAppOn } from './support/second-app';
import { type SignedIn, signIn, signInAs } from './support/sessions';
import { mentions, recordStatements } from './support/statements';
import { type TestApp, createTestApp } from './support/test-app';
import { until } from './support/until';

interface CaseBody {
  id: string;
  deskId: string;
  assigneeId: string | null;
  firstResponseDueAt: string | null;
  organization: { sessionAllowance: { limit: number } };
}

/** Whether a promise settles within `ms`; the promise goes on either way. */
const settlesWithin = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return settled;
};

describe('auto-assignment locks and reference caches', () => {
  let first: TestApp;
  let second: TestApp;
  let operator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    // Room for a held lock, requests blocked behind it and their sign-in checks.
    first = await createTestApp({ DB_POOL_MAX: '10' });
    second = await createAppOn(first, { DB_POOL_MAX: '6' });
    operator = await signInAs(first, 'operator');
    admin = await signInAs(first, 'admin');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const walkIn = (who: SignedIn, prefectureCode: string, extra: Record<string, unknown> = {}) =>
    who.post('/api/cases', {
      channel: 'walk_in',
      organization: { name: `来訪ロック商事${Math.random()}`, prefectureCode },
      topics: ['ICT.SEC'],
      subject: '来訪相談',
      ...extra,
    });

  /** A transaction of its own on the test database holding the desk row with `lock`. */
  const holdDesk = async (deskId: string, lock: string): Promise<QueryRunner> => {
    const holder = first.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM desk WHERE id = $1 ${lock}`, [deskId]);
    return holder;
  };
  const release = async (holder: QueryRunner) => {
    await holder.rollbackTransaction();
    await holder.release();
  };

  describe('auto-assignment', () => {
    it('takes no lock on a desk whose mode is off: its intakes pass a desk held FOR SHARE', async () => {
      const desk = await first.db.query<{ assignment_mode: string }[]>(
        `SELECT assignment_mode FROM desk WHERE id = 'kanto'`,
      );
      expect(desk[0]!.assignment_mode).toBe('off');
      // FOR SHARE lets the foreign-key check of an insert through (FOR KEY SHARE), and stops
      // anything that would lock the row to update it (FOR NO KEY UPDATE, FOR UPDATE).
      const holder = await holdDesk('kanto', 'FOR SHARE');
      try {
        const intakes = [walkIn(operator, '13'), walkIn(operator, '14')];
        expect(await settlesWithin(Promise.all(intakes), 15_000)).toBe(true);
        const bodies = (await Promise.all(intakes)).map((r) => r.body as CaseBody);
        expect(bodies.map((b) => [b.deskId, b.assigneeId])).toEqual([
          ['kanto', null],
          ['kanto', null],
        ]);
      } finally {
        await release(holder);
      }
    });

    it('locks an auto-assigning desk FOR NO KEY UPDATE: cases that only reference it are not held up', async () => {
      const staff = [
        await signInAs(first, 'desk_staff', 'tohoku'),
        await signInAs(first, 'desk_staff', 'tohoku'),
      ];
      await admin.patch('/api/desks/tohoku', { assignmentMode: 'round_robin' }).expect(200);
      // A case being inserted for the desk elsewhere holds FOR KEY SHARE until it commits:
      // FOR UPDATE would wait for it, FOR NO KEY UPDATE does not.
      const keyShare = await holdDesk('tohoku', 'FOR KEY SHARE');
      try {
        const assigned = walkIn(operator, '04');
        expect(await settlesWithin(assigned, 15_000)).toBe(true);
        const body = (await assigned).body as CaseBody;
        expect(body.deskId).toBe('tohoku');
        expect(staff.map((s) => s.user.id)).toContain(body.assigneeId);
      } finally {
        await release(keyShare);
      }

      // While one pick holds the desk (as a concurrent auto-assigned intake does), the next
      // auto-assigned intake waits its turn, but the desk's own staff logging a call do not.
      const pick = await holdDesk('tohoku', 'FOR NO KEY UPDATE');
      let waiting: Promise<unknown> | null = null;
      try {
        waiting = walkIn(operator, '04').then((r) => r);
        await until(
          async () => {
            const [row] = await first.db.query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return row!.n > 0;
          },
          'the auto-assigned intake to wait on the desk row',
          { timeoutMs: 15_000, intervalMs: 50 },
        );
        const own = staff[0]!.post('/api/cases', {
          channel: 'phone',
          organization: { name: `東北電話${Math.random()}`, prefectureCode: '04' },
          topics: ['LAB.TIME'],
          subject: '電話相談',
        });
        expect(await settlesWithin(own, 15_000)).toBe(true);
        expect(((await own).body as CaseBody).assigneeId).toBe(staff[0]!.user.id);
        expect(await settlesWithin(waiting, 300)).toBe(false);
      } finally {
        await release(pick);
      }
      expect(await settlesWithin(waiting, 15_000)).toBe(true);
    });

    it('still takes turns when intakes for an auto-assigning desk arrive together', async () => {
      const staff = [
        await signInAs(first, 'desk_staff', 'hokkaido'),
        await signInAs(first, 'desk_staff', 'hokkaido'),
      ];
      await admin.patch('/api/desks/hokkaido', { assignmentMode: 'round_robin' }).expect(200);
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => walkIn(operator, '01').expect(201)),
      );
      const picks = responses.map((r) => (r.body as CaseBody).assigneeId);
      for (const s of staff) {
        expect(picks.filter((p) => p === s.user.id)).toHaveLength(3);
      }
    });
  });

  describe('reference caches across two instances', () => {
    it('an intake reads no routing rule, SLA policy or program setting while they are cached', async () => {
      const viaSecond = await signIn(second, operator.user);
      const warmed = Date.now();
      await walkIn(viaSecond, '27').expect(201);
      const recorded = recordStatements(second.db);
      try {
        await walkIn(viaSecond, '27').expect(201);
      } finally {
        recorded.stop();
      }
      // Only meaningful while the copies are fresh; a stalled machine may take longer.
      if (Date.now() - warmed >= REFERENCE_CACHE_TTL_MS) {
        return;
      }
      expect(recorded.sql.length).toBeGreaterThan(0);
      for (const table of ['routing_rule', 'sla_policy', 'program_setting']) {
        expect(mentions(recorded.sql, table)).toEqual([]);
      }
    });

    it('a rule, a policy, a desk closure and the session terms changed on one instance apply on the other within the TTL', async () => {
      const viaSecond = await signIn(second, operator.user);
      const email = (who: SignedIn) =>
        who
          .post('/api/cases', {
            channel: 'email',
            organization: { name: `キャッシュ商事${Math.random()}`, prefectureCode: '13' },
            topics: ['LAB.TIME'],
            subject: '助成金',
            receivedAt: '2026-11-20T16:00:00+09:00',
          })
          .expect(201)
          .then((r) => r.body as CaseBody);
      // Both instances have read the rules, the policies, the terms and Kinki's calendar.
      const before = await email(viaSecond);
      expect(before.deskId).toBe('national');
      await email(operator);
      for (const who of [viaSecond, operator]) {
        expect(((await walkIn(who, '27').expect(201)).body as CaseBody).deskId).toBe('kinki');
      }
      const settings = await admin.get('/api/settings/sessions').expect(200);
      const limit = (settings.body as { limit: number }).limit;

      const changedAt = Date.now();
      await admin
        .post('/api/routing-rules', {
          position: 1,
          name: '助成金は近畿へ(キャッシュ試験)',
          channels: ['email'],
          topicCodes: ['LAB'],
          target: 'desk',
          deskId: 'kinki',
        })
        .expect(201);
      await admin.patch('/api/sla-policies/email', { firstResponseBusinessHours: 1 }).expect(200);
      await admin
        .post('/api/desks/kinki/closures', { date: '2026-11-20', reason: 'キャッシュ試験' })
        .expect(201);
      await admin
        .patch('/api/settings/sessions', {
          version: (settings.body as { version: number }).version,
          limit: limit + 2,
        })
        .expect(200);

      // The instance that wrote dropped its copies at once.
      const local = await email(operator);
      expect(local.deskId).toBe('kinki');
      expect(local.organization.sessionAllowance.limit).toBe(limit + 2);
      // One business hour from a day Kinki is closed, then Monday's holiday: Tuesday 10:00 JST.
      const localDue = local.firstResponseDueAt;
      expect(localDue).toBe('2026-11-24T01:00:00.000Z');

      // The other one follows within the TTL.
      let seen: CaseBody | null = null;
      await until(
        async () => {
          seen = await email(viaSecond);
          return (
            seen.deskId === 'kinki' &&
            seen.firstResponseDueAt === localDue &&
            seen.organization.sessionAllowance.limit === limit + 2
          );
        },
        'the second instance to apply the changes',
        {
          timeoutMs: REFERENCE_CACHE_TTL_MS + 10_000,
          intervalMs: 200,
        },
      );
      const caughtUpAfter = Date.now() - changedAt;
      // The bound is the TTL, plus the time one intake takes on a loaded test machine.
      expect(caughtUpAfter).toBeLessThan(REFERENCE_CACHE_TTL_MS + 10_000);
      expect(seen!.deskId).toBe('kinki');
    });

    it('a cache refilled inside an intake takes no second connection: a full pool does not stall', async () => {
      // Two connections, both held by intakes in their transactions, while the rules and the
      // policies are due again: a refill that asked the pool for a third connection would wait for
      // one of them until the acquisition timeout, and every intake would answer 503.
      const small = await createAppOn(first, { DB_POOL_MAX: '2', DB_CONNECT_TIMEOUT_MS: '3000' });
      try {
        const desk = await signInAs(small, 'operator');
        for (let round = 0; round < 2; round += 1) {
          referenceCache(small.app.get(DataSource), 'routing_rule').invalidate();
          referenceCache(small.app.get(DataSource), 'sla_policy').invalidate();
          const answers = await Promise.all(
            Array.from({ length: 6 }, () => walkIn(desk, '13').then((r) => r.status)),
          );
          expect(answers).toEqual(Array(6).fill(201));
        }
      } finally {
        await small.close();
      }
    });
  });
});
