import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import { OpenCaseLoad } from '../routing/open-case-load';

/** Counts open cases per assignee for routing's least-load auto-assignment, from "case". */
@Injectable()
export class OpenCaseLoadRepository extends OpenCaseLoad {
  async openCasesOf(db: EntityManager, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) {
      return new Map();
    }
    const rows = await db.query<(Row<'app_user', 'id'> & { open_cases: number })[]>(
      `SELECT a.id, (SELECT count(*) FROM "case" c
                      WHERE c.assignee_id = a.id AND c.status NOT IN ('resolved', 'closed'))::int AS open_cases
         FROM unnest($1::uuid[]) AS a(id)`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.open_cases]));
  }
}

/**
 * Provides routing's OpenCaseLoad from the cases module's table. Global because routing sits
 * below cases and may not import it; the cases module imports this, so any app with cases has it.
 */
@Global()
@Module({
  providers: [
    OpenCaseLoadRepository,
    { provide: OpenCaseLoad, useExisting: OpenCaseLoadRepository },
  ],
  exports: [OpenCaseLoad],
})
export class OpenCaseLoadModule {}
