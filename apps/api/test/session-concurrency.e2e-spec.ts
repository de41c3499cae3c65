import { makeUser } from './support/factories';
import { makeExpert, nextFreeStart, type TestExpert } from './support/experts';
import { createAppOn } from './support/second-app';
import { type SignedIn, signIn } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

const BOOKINGS = 20;
const ROUNDS = 3;

/**
 * The allowance must hold when bookings for one organization race each other through two API
 * processes: nothing in memory is shared, only PostgreSQL. Each round fires 20 simultaneous
 * bookings, half through each instance, on two cases of one organization, each with its own
 * expert and time so that only the allowance can refuse them.
 */
describe('session allowance under concurrency (two app instances, one database)', () => {
  let first: TestApp;
  let second: TestApp;
  let viaFirst: SignedIn;
  let viaSecond: SignedIn;
  let experts: TestExpert[];

  beforeAll(async () => {
    // Pools big enough that the requests really are in the database at the same time.
    first = await createTestApp({ DB_POOL_MAX: '12' });
    second = await createAppOn(first, { DB_POOL_MAX: '12' });
    const operator = await makeUser(first, { role: 'operator' });
    viaFirst = await signIn(first, operator);
    viaSecond = await signIn(second, operator);
    experts = [];
    for (let i = 0; i < BOOKINGS; i += 1) {
      experts.push(await makeExpert(first));
    }
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'round %i: exactly the limit of 20 simultaneous bookings succeeds, the rest answer 409',
    async () => {
      const a = await viaFirst
        .post('/api/cases', {
          channel: 'phone',
          organization: { name: `同時予約商事${Date.now()}`, prefectureCode: '13' },
          topics: ['ICT.SEC'],
          subject: '同時予約',
        })
        .expect(201);
      const b = await viaSecond
        .post('/api/cases', {
          channel: 'email',
          organization: { id: a.body.organization.id },
          topics: ['LAB.TIME'],
          subject: '同時予約(別件)',
        })
        .expect(201);
      const requests = experts.map((expert, i) => {
        const via = i % 2 === 0 ? viaFirst : viaSecond;
        const caseId = i % 4 < 2 ? a.body.id : b.body.id;
        return via.post(`/api/cases/${caseId}/sessions`, {
          expertId: expert.id,
          kind: 'assessment',
          scheduledStart: nextFreeStart().toISOString(),
          durationMinutes: 60,
          mode: 'online',
        });
      });
      const responses = await Promise.all(requests);

      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(
        Array.from({ length: BOOKINGS - 3 }, () => [409, 'SESSION_LIMIT_REACHED']),
      );

      const [counted] = await first.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM expert_session
          WHERE organization_id = $1 AND status <> 'cancelled'`,
        [a.body.organization.id],
      );
      expect(counted!.n).toBe(3);
      const organization = await viaSecond
        .get(`/api/organizations/${a.body.organization.id}`)
        .expect(200);
      expect(organization.body.sessionAllowance).toMatchObject({ used: 3, remaining: 0 });
    },
  );
});
