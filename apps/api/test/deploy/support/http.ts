import { randomBytes, randomUUID } from 'node:crypto';

export const DEMO_PASSWORD = 'madoguchi-demo-2026';

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) {
    throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  }
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken };
}

/** What one request of a load came back with; status 0 when no HTTP answer arrived at all. */
export interface Outcome {
  method: 'GET' | 'POST';
  status: number;
  code?: string;
  retryAfter?: string | null;
  upstream?: string | null;
  /** The created case, for a 201 intake. */
  id?: string;
  start: number;
  end: number;
}

async function outcomeOf(
  method: Outcome['method'],
  start: number,
  send: () => Promise<Response>,
): Promise<Outcome> {
  try {
    const res = await send();
    const text = await res.text();
    let body: { id?: string; code?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // nginx's own error pages are HTML
    }
    return {
      method,
      status: res.status,
      code: body.code,
      id: res.status === 201 ? body.id : undefined,
      retryAfter: res.headers.get('retry-after'),
      upstream: res.headers.get('x-upstream'),
      start,
      end: Date.now(),
    };
  } catch {
    return { method, status: 0, start, end: Date.now() };
  }
}

export function listCases(base: string, s: Session): Promise<Outcome> {
  const start = Date.now();
  return outcomeOf('GET', start, () =>
    fetch(`${base}/api/cases?limit=20`, { headers: { cookie: s.cookie } }),
  );
}

/** A phone intake from a new organization, as the intake screen sends it (with its retry key). */
export function intake(base: string, s: Session, label: string): Promise<Outcome> {
  const start = Date.now();
  const tag = randomBytes(5).toString('hex');
  return outcomeOf('POST', start, () =>
    fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        channel: 'phone',
        organization: { name: `${label}${tag}` },
        topics: ['ICT.SEC'],
        subject: `${label} ${tag}`,
      }),
    }),
  );
}

/**
 * `concurrency` loops, each sending its next request as soon as the last one answered, until
 * `running()` turns false. Resolves with every outcome.
 */
export async function load(
  concurrency: number,
  running: () => boolean,
  request: () => Promise<Outcome>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (running()) {
        const outcome = await request();
        outcomes.push(outcome);
        if (outcome.status === 0 || outcome.status >= 500) {
          // A refused request comes back at once; do not spin on it.
          await sleep(50);
        }
      }
    }),
  );
  return outcomes;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `status: count` of a set of outcomes, for readable failures. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.method} ${o.status}${o.code ? ` ${o.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
