import type { DataSource } from 'typeorm';

/**
 * A report query with room to hash: a year of cases joined to 300,000 organizations spills
 * the default 4 MB work_mem to disk in batches. SET LOCAL keeps the larger limit to this one
 * transaction.
 */
export function reportQuery<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T> {
  return dataSource.transaction(async (db) => {
    await db.query(`SET LOCAL work_mem = '64MB'`);
    return db.query<T>(sql, params);
  });
}
