import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CaseListPlan, type CaseListRow, selectCaseList } from './case-list-query';

/**
 * The case list's statements: the tuned search of case-list-query.ts (shared with the
 * benchmark's baseline) and the capped count of a saved view's badge.
 */
@Injectable()
export class CaseListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(plan: CaseListPlan): Promise<CaseListRow[]> {
    return selectCaseList((sql, values) => this.dataSource.query<unknown[]>(sql, values), plan);
  }

  /**
   * Cases matching the conditions, counted up to `cap`. The organization is joined only when a
   * condition names it (alias `o`): a count of cases needs no more.
   */
  async count(where: string[], params: unknown[], cap: number): Promise<number> {
    const organization = where.some((condition) => /\bo\./.test(condition))
      ? 'JOIN organization o ON o.id = c.organization_id'
      : '';
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM "case" c ${organization}
          WHERE ${where.join(' AND ')} LIMIT ${Number(cap)}) hit`,
      params,
    );
    return row?.n ?? 0;
  }
}
