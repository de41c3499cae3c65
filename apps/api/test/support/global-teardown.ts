import { adminQuery, clonePrefix, runtimeRoleName } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__madoguchiTestDb;
  if (!state) {
    return;
  }
  // Test files drop their own databases; this catches any left by a crashed worker.
  await adminQuery(state.adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2`,
      [clonePrefix(state.runId), state.template],
    );
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    // Its privileges lived only in the databases just dropped; a database some test made
    // outside the run's prefix would keep it, which is worth a warning, not a failed run.
    await c
      .query(`DROP ROLE IF EXISTS ${runtimeRoleName(state.runId)}`)
      .catch((error: Error) => console.warn(`Could not drop the run's role: ${error.message}`));
  });
  await state.stop?.();
}
