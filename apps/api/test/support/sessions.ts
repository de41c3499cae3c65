import request from 'supertest';
import type { TestApp } from './test-app';
import { makeUser, type TestUser } from './factories';
import type { Role } from '../../src/common/auth/roles';

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export interface SignedIn {
  user: TestUser;
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  get: (url: string) => request.Test;
  post: (url: string, body?: object) => request.Test;
  patch: (url: string, body?: object) => request.Test;
  delete: (url: string) => request.Test;
}

export async function signIn(t: TestApp, user: TestUser): Promise<SignedIn> {
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  const csrf = res.body.csrfToken as string;
  return {
    user,
    agent,
    csrf,
    get: (url) => agent.get(url),
    post: (url, body = {}) => agent.post(url).set('x-csrf-token', csrf).send(body),
    patch: (url, body = {}) => agent.patch(url).set('x-csrf-token', csrf).send(body),
    delete: (url) => agent.delete(url).set('x-csrf-token', csrf),
  };
}

/**
 * A browser's sign-in as the headers it sends: the session cookie and its CSRF token, for a client
 * other than supertest's agent (a raw socket, a second instance).
 */
export async function sessionHeaders(
  t: TestApp,
  user: TestUser,
): Promise<{ cookie: string; csrf: string }> {
  const res = await request(t.app.getHttpServer())
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return {
    cookie: setCookie.map((c) => c.split(';')[0]).join('; '),
    csrf: res.body.csrfToken as string,
  };
}

export async function signInAs(t: TestApp, role: Role, deskId?: string | null): Promise<SignedIn> {
  return signIn(t, await makeUser(t, { role, deskId }));
}
