import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { StaffLoad } from '../src/common/lifecycle/staff-load';
import { createAppOn } from './support/second-app';
import { makeUser, TEST_PASSWORD, type TestUser } from './support/factories';
import { signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') {
    throw new Error('no port');
  }
  return `http://127.0.0.1:${address.port}`;
}

async function cookieOf(base: string, user: TestUser): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Reads `presence` events off a real event stream. */
function watch(base: string, caseId: string, cookie: string) {
  const controller = new AbortController();
  const events: { userId: string; name: string }[][] = [];
  const opened = fetch(`${base}/api/cases/${caseId}/presence`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  }).then((res) => {
    const status = res.status;
    if (status === 200 && res.body) {
      void (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = /^event: presence\ndata: (.*)$/m.exec(block);
              if (data?.[1]) {
                events.push(JSON.parse(data[1]) as { userId: string; name: string }[]);
              }
            }
          }
        } catch {
          // aborted
        }
      })();
    }
    return status;
  });
  return { events, opened, close: () => controller.abort() };
}

async function until(check: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('presence on a case, across two API instances', () => {
  let t: TestApp;
  let second: TestApp;
  let one: string;
  let two: string;
  let alice: TestUser;
  let bob: TestUser;
  let kinki: TestUser;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    second = await createAppOn(t);
    one = await listen(t.app);
    two = await listen(second.app);
    alice = await makeUser(t, { role: 'operator' });
    bob = await makeUser(t, { role: 'operator' });
    kinki = await makeUser(t, { role: 'desk_staff', deskId: 'kinki' });
    const operator = await signInAs(t, 'operator');
    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: '同時対応テスト' },
        topics: ['ICT.SEC'],
        subject: '同じ電話',
      })
      .expect(201);
    caseId = created.body.id as string;
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('shows each viewer the other, whichever instance they reached, and drops leavers', async () => {
    const a = watch(one, caseId, await cookieOf(one, alice));
    expect(await a.opened).toBe(200);
    await until(() => a.events.length > 0);
    expect(a.events.at(-1)).toEqual([]);

    const b = watch(two, caseId, await cookieOf(two, bob));
    expect(await b.opened).toBe(200);
    await until(() => (b.events.at(-1) ?? []).some((v) => v.userId === alice.id));
    await until(() => (a.events.at(-1) ?? []).some((v) => v.userId === bob.id));

    b.close();
    await until(() => a.events.at(-1)?.length === 0);
    a.close();
  });

  it('does not hold exports back while a case page is open', async () => {
    // The stream lasts as long as the page: it is not a request that exports should wait for.
    const load = t.app.get(StaffLoad);
    const a = watch(one, caseId, await cookieOf(one, alice));
    expect(await a.opened).toBe(200);
    await until(() => a.events.length > 0);
    expect(load.busy).toBe(false);
    a.close();
    await until(() => !load.busy);
  });

  it('answers 404 to someone who may not see the case, without streaming', async () => {
    const k = watch(one, caseId, await cookieOf(one, kinki));
    expect(await k.opened).toBe(404);
    k.close();
  });
});
