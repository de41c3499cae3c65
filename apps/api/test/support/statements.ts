import type { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Records every statement one application sends through TypeORM (transaction control
 * included), to count what a request costs the database. Other apps in the same test
 * process are not recorded. Call `stop()` when done.
 */
export function recordStatements(db: DataSource): { sql: string[]; stop: () => void } {
  const sql: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    query: string,
    ...rest: unknown[]
  ) {
    if (this.connection === db) {
      sql.push(query.replace(/\s+/g, ' ').trim());
    }
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, query, ...rest);
  } as typeof original);
  return { sql, stop: () => spy.mockRestore() };
}

/** What a recorded statement reads or writes first, for a readable summary. */
export const mentions = (sql: string[], table: string): string[] =>
  sql.filter((s) => new RegExp(`\\b${table}\\b`).test(s));
