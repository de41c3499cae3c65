import PgBoss from 'pg-boss';
import {
  intake,
  listCases,
  load,
  type Outcome,
  type Session,
  signIn,
  sleep,
  tally,
} from './support/http';
import {
  databaseUrl,
  killApi,
  readState,
  sql,
  startApi,
  type TopologyState,
  waitFor,
} from './support/topology';

let s: TopologyState;
let proxy: string;
let operator: Session;
const direct = (i: number): string => `http://127.0.0.1:${s.apis[i]!.port}`;

beforeAll(async () => {
  s = readState();
  proxy = `http://127.0.0.1:${s.nginx.port}`;
  operator = await signIn(proxy, 'operator@example.jp');
});

/** $upstream_addr lists every instance nginx tried, the one that answered last. */
const answeredBy = (o: Outcome): string | undefined => o.upstream?.split(', ').at(-1);

async function acknowledgedIntakesStored(outcomes: Outcome[]): Promise<void> {
  const ids = outcomes.filter((o) => o.status === 201).map((o) => o.id);
  const [row] = await sql<{ n: number }>(
    s.primary.port,
    `SELECT count(*)::int AS n FROM "case" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  expect(row?.n).toBe(ids.length);
}

describe('one API process killed (SIGKILL) under load through nginx', () => {
  it('fails no request but those in flight on it, retries reads, and takes it back', async () => {
    let running = true;
    const reads = load(
      4,
      () => running,
      () => listCases(proxy, operator),
    );
    const writes = load(
      2,
      () => running,
      () => intake(proxy, operator, '障害試験'),
    );
    await sleep(1500);
    const { killedAt, goneAt } = await killApi(s, 0);
    await sleep(2500);
    running = false;
    const [r, w] = await Promise.all([reads, writes]);
    const all = [...r, ...w];
    const after = all.filter((o) => o.start > goneAt);

    // Reads: every one answered, those caught on the dead instance retried on the other.
    expect(tally(r)).toEqual({ 'GET 200': r.length });
    // Writes: nginx never sends a POST twice, so one sent to the killed process while it died
    // may fail (at most one per writing loop); nothing sent once it was gone.
    const failed = w.filter((o) => o.status !== 201);
    expect(failed.length).toBeLessThanOrEqual(2);
    for (const f of failed) {
      expect(f.start).toBeLessThanOrEqual(goneAt);
      expect(f.end).toBeGreaterThanOrEqual(killedAt);
    }
    expect(after.length).toBeGreaterThan(20);
    expect(after.every((o) => answeredBy(o) === `127.0.0.1:${s.apis[1]!.port}`)).toBe(true);
    await acknowledgedIntakesStored(w);

    // Restarted, it rejoins once nginx's fail_timeout has passed.
    await startApi(s, 0);
    const back = `127.0.0.1:${s.apis[0]!.port}`;
    await waitFor(
      'nginx sending requests to the restarted instance',
      async () => answeredBy(await listCases(proxy, operator)) === back,
      20_000,
    );
  });
});

describe('one API process stopped (SIGTERM) under load through nginx', () => {
  it('drains without failing a request but one racing onto a pooled connection', async () => {
    let running = true;
    const reads = load(
      4,
      () => running,
      () => listCases(proxy, operator),
    );
    const writes = load(
      2,
      () => running,
      () => intake(proxy, operator, '停止試験'),
    );
    try {
      await sleep(1500);
      const { killedAt, goneAt } = await killApi(s, 0, 'SIGTERM');
      await sleep(1500);
      running = false;
      const [r, w] = await Promise.all([reads, writes]);
      const all = [...r, ...w];

      // The stopping instance refuses new connections at once (nginx tries the other, POSTs
      // included) and closes the ones it answers; only a request nginx sent on a pooled
      // connection in that instant meets its 503 (nginx retries no 503). Before, every request
      // nginx sent it during the drain failed so. A POST written on a pooled connection in the
      // very instant the instance closes it idle is the same race seen from the other side:
      // nginx resends no POST, so it answers 502 (a GET it would resend elsewhere). Either way
      // the write was not acknowledged, and every acknowledged one is checked below.
      const failed = all.filter((o) => o.status !== 200 && o.status !== 201);
      expect(failed.length).toBeLessThanOrEqual(2);
      for (const f of failed) {
        if (f.status === 502) {
          expect(f.method).toBe('POST');
        } else {
          expect(f.status).toBe(503);
          expect(f.code).toBe('SHUTTING_DOWN');
        }
        expect(f.start).toBeLessThanOrEqual(goneAt);
        expect(f.end).toBeGreaterThanOrEqual(killedAt);
      }
      expect(all.filter((o) => o.start > goneAt).length).toBeGreaterThan(10);
      await acknowledgedIntakesStored(w);
    } finally {
      running = false;
      await Promise.all([reads, writes]).catch(() => undefined);
      await startApi(s, 0);
    }
    const back = `127.0.0.1:${s.apis[0]!.port}`;
    await waitFor(
      'nginx sending requests to the restarted instance',
      async () => answeredBy(await listCases(proxy, operator)) === back,
      20_000,
    );
  });
});

describe('sessions live in PostgreSQL', () => {
  it('a sign-in on one instance is good on the other, CSRF included', async () => {
    const one = await signIn(direct(0), 'kanto@example.jp');
    const me = await fetch(`${direct(1)}/api/auth/me`, { headers: { cookie: one.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('kanto@example.jp');
    const created = await intake(direct(1), one, 'セッション共有');
    expect(created.status).toBe(201);
  });
});

/** The `presence` events of one viewer's stream. */
function watch(base: string, caseId: string, cookie: string) {
  const controller = new AbortController();
  const events: { userId: string }[][] = [];
  const opened = fetch(`${base}/api/cases/${caseId}/presence`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  }).then((res) => {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = /^event: presence\ndata: (.*)$/m.exec(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (data?.[1]) {
              events.push(JSON.parse(data[1]) as { userId: string }[]);
            }
          }
        }
      } catch {
        // closed by the test
      }
    })();
    return res.status;
  });
  return { events, opened, close: () => controller.abort() };
}

async function whoAmI(base: string, session: Session): Promise<{ id: string }> {
  const res = await fetch(`${base}/api/auth/me`, { headers: { cookie: session.cookie } });
  return ((await res.json()) as { user: { id: string } }).user;
}

describe('presence across the two processes', () => {
  it('shows a viewer on one instance to a viewer on the other', async () => {
    const created = await intake(proxy, operator, '在席確認');
    expect(created.status).toBe(201);
    const manager = await signIn(direct(1), 'manager@example.jp');
    const me = await whoAmI(direct(0), operator);
    const managerMe = await whoAmI(direct(1), manager);

    const a = watch(direct(0), created.id!, operator.cookie);
    const b = watch(direct(1), created.id!, manager.cookie);
    try {
      expect(await a.opened).toBe(200);
      expect(await b.opened).toBe(200);
      await waitFor(
        'each seeing the other',
        () =>
          Promise.resolve(
            (a.events.at(-1) ?? []).some((v) => v.userId === managerMe.id) &&
              (b.events.at(-1) ?? []).some((v) => v.userId === me.id),
          ),
        15_000,
      );
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('background jobs across the two processes', () => {
  it('runs a due follow-up reminder once, however many runs the two workers race', async () => {
    const created = await intake(proxy, operator, '督促一回');
    expect(created.status).toBe(201);
    const res = await fetch(`${proxy}/api/cases/${created.id}/follow-ups`, {
      method: 'POST',
      headers: {
        cookie: operator.cookie,
        'x-csrf-token': operator.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ dueInBusinessDays: 0, note: '折り返し' }),
    });
    expect(res.status).toBe(201);
    const followUp = (await res.json()) as { id: string };
    // Due yesterday (the test may run on a holiday, when "0 business days" is the next workday).
    await sql(s.primary.port, `UPDATE follow_up SET due_on = current_date - 1 WHERE id = $1`, [
      followUp.id,
    ]);

    // Six runs queued at once: both instances' workers take them in parallel.
    const boss = new PgBoss({
      connectionString: databaseUrl(s.primary.port),
      schedule: false,
      supervise: false,
      migrate: false,
    });
    await boss.start();
    try {
      const ids = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((k) =>
          boss.send('follow-up-reminders', {}, { singletonKey: `deploy-${followUp.id}-${k}` }),
        ),
      );
      await waitFor(
        'the six runs completing',
        async () => {
          const [row] = await sql<{ n: number }>(
            s.primary.port,
            `SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state = 'completed'`,
            [ids],
          );
          return row?.n === 6;
        },
        30_000,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    // One reminder to each of the people it goes to, not one per run.
    const [notes] = await sql<{ n: number; people: number }>(
      s.primary.port,
      `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS people
         FROM notification WHERE kind = 'follow_up_due' AND case_id = $1`,
      [created.id],
    );
    expect(notes?.people).toBeGreaterThan(0);
    expect(notes?.n).toBe(notes?.people);
  });
});
