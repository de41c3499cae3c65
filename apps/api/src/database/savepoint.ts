import type { EntityManager } from 'typeorm';

/** What a step in a savepoint came to: its value, or the error it was rolled back for. */
export type SavepointOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` inside a savepoint of the transaction `db` belongs to, so one failed step leaves
 * the rest of the transaction usable: kept when `work` succeeds, rolled back to when it throws,
 * and the error answered rather than thrown. A failure of the savepoint statements themselves
 * (the transaction is broken) is thrown: nothing after it could be written. `name` is an SQL
 * identifier the caller writes, never input.
 */
export async function withSavepoint<T>(
  db: EntityManager,
  name: string,
  work: () => Promise<T>,
): Promise<SavepointOutcome<T>> {
  await db.query(`SAVEPOINT ${name}`);
  try {
    const value = await work();
    await db.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: true, value };
  } catch (error) {
    await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
    return { ok: false, error };
  }
}
