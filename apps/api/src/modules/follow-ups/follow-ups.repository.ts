import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { caseScope } from '../cases/case-scope';

/** SQL on `follow_up` for the home page's counts (the rest still lives in FollowUpsService). */
@Injectable()
export class FollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Open follow-ups assigned to the principal and due before today (Tokyo), on cases they
   * may see: the follow-up board's overdue column in its "mine" scope.
   */
  async countOverdueAssigned(principal: Principal): Promise<number> {
    const params: unknown[] = [principal.userId];
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM follow_up f JOIN "case" c ON c.id = f.case_id
        WHERE f.status = 'open' AND f.assignee_id = $1
          AND f.due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date
          AND ${caseScope(principal, params)}`,
      params,
    );
    return row?.n ?? 0;
  }
}
