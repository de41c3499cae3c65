import { randomBytes } from 'node:crypto';
import { adminQuery, withDatabase } from '../../src/database/database-url';

/** Environment variables the global setup hands to the test workers. */
export const ENV_ADMIN_URL = 'MADOGUCHI_TEST_ADMIN_URL';
export const ENV_TEMPLATE_DB = 'MADOGUCHI_TEST_TEMPLATE_DB';
export const ENV_RUN_ID = 'MADOGUCHI_TEST_RUN_ID';
/** The run's least-privilege role, `name:password`: the test apps serve with it, as in production. */
export const ENV_RUNTIME_ROLE = 'MADOGUCHI_TEST_RUNTIME_ROLE';

/** The same database as the run's runtime role (which owns nothing), instead of the owner. */
export function asRuntimeRole(url: string): string {
  const role = process.env[ENV_RUNTIME_ROLE];
  if (!role) {
    throw new Error('The e2e global setup did not run (no runtime role).');
  }
  const [name, password] = role.split(':') as [string, string];
  const u = new URL(url);
  u.username = name;
  u.password = password;
  return u.toString();
}

/** Databases of one test run share this prefix, so cleanup never touches another run's. */
export const clonePrefix = (runId: string): string => `madoguchi_t_${runId}`;

/** The same database as the owner (the server's admin), for what only the owner may do. */
export function asOwner(url: string): string {
  const adminUrl = process.env[ENV_ADMIN_URL];
  if (!adminUrl) {
    throw new Error('The e2e global setup did not run (no database server).');
  }
  return withDatabase(adminUrl, new URL(url).pathname.slice(1));
}

/** The run's runtime role (roles are per server, so the run's id keeps runs apart). */
export const runtimeRoleName = (runId: string): string => `madoguchi_rt_${runId}`;

// Shared with the tools that build scratch databases (generate:db-types).
export { adminQuery, withDatabase };

export const newRunId = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Clones the migrated template into a fresh database for one test file. */
export function cloneTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[ENV_TEMPLATE_DB];
  if (!template) {
    throw new Error('The e2e global setup did not run (no template database).');
  }
  return createDatabase(`TEMPLATE "${template}"`);
}

/** A new database with no migration applied, for the tests of the migrations themselves. */
export function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase('');
}

async function createDatabase(
  options: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env[ENV_ADMIN_URL];
  const runId = process.env[ENV_RUN_ID];
  if (!adminUrl || !runId) {
    throw new Error('The e2e global setup did not run (no database server).');
  }
  // The run's prefix lets the global teardown drop it if the test file crashes.
  const name = `${clonePrefix(runId)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" ${options}`));
  return {
    url: withDatabase(adminUrl, name),
    drop: () =>
      adminQuery(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
