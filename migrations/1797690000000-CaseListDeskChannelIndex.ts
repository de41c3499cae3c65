import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list filtered by desk, channel and status (the national center's "new e-mails", and
 * its neighbours) in list order. Without it, a combination that holds few or no cases (the
 * national center takes no walk-ins) read every open case through the reports' open-cases index
 * to find none: 35,000 buffers and 100–190 ms on 1,000,000 cases, the list filters' p95 of ~95 ms
 * in both the API and the bench's bare baseline (docs/benchmarks.md, "List filters").
 *
 * The index alone serves one status; with several (`new,in_progress`) the planner, taking desk
 * and channel as independent, still expected 1,700 national walk-ins and walked the open cases.
 * Statistics on the pair (every desk × channel combination fits in their list of most common
 * values) tell it there are none, and it takes the index: 127 ms → 0.05 ms.
 */
export class CaseListDeskChannelIndex1797690000000 implements MigrationInterface {
  name = 'CaseListDeskChannelIndex1797690000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX case_desk_channel_status_received_idx
         ON "case" (desk_id, channel, status, received_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE STATISTICS case_desk_channel_stats (mcv) ON desk_id, channel FROM "case"`,
    );
    // Now rather than at autovacuum's next analyze: a sample, seconds even on millions of cases.
    await db.query(`ANALYZE "case"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP STATISTICS case_desk_channel_stats`);
    await db.query(`DROP INDEX case_desk_channel_status_received_idx`);
  }
}
