import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { sessionScope } from './session-scope';

/** SQL on `expert_session` for the home page's counts (the rest still lives in the services). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Scheduled sessions starting today (Tokyo) on cases assigned to the principal. */
  async countTodayOnAssignedCases(principal: Principal): Promise<number> {
    const params: unknown[] = [principal.userId];
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n
         FROM expert_session s JOIN "case" c ON c.id = s.case_id
         JOIN expert_profile p ON p.id = s.expert_id
        WHERE s.status = 'scheduled' AND c.assignee_id = $1
          AND lower(s.scheduled) >= date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo'
          AND lower(s.scheduled) < (date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') + interval '1 day') AT TIME ZONE 'Asia/Tokyo'
          AND ${sessionScope(principal, params)}`,
      params,
    );
    return row?.n ?? 0;
  }
}
