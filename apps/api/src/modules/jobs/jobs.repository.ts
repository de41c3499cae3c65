import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * pg-boss's own job table, read for the admin page and the metrics. Its rows are typed by hand:
 * the `pgboss` schema belongs to the library, not to our migrations, so schema.generated.ts has
 * no type for it.
 */
export interface BossJobRow {
  id: string;
  name: string;
  retry_count: number;
  output: unknown;
  completed_on: Date | null;
  created_on: Date;
}

@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  queueStates(): Promise<{ queue: string; state: string; jobs: number }[]> {
    return this.dataSource.query(
      `SELECT name AS queue, state::text AS state, count(*)::int AS jobs FROM pgboss.job GROUP BY 1, 2`,
    );
  }

  failed(limit: number): Promise<BossJobRow[]> {
    return this.dataSource.query<BossJobRow[]>(
      `SELECT id::text, name, retry_count, output, completed_on, created_on FROM pgboss.job
        WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
      [limit],
    );
  }
}
