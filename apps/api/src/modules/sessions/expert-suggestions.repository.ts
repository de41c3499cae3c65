import type { SessionKind } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Row } from '../../database/rows';

/** One expert's load as the ranking weighs it. */
export type LoadRow = Row<'expert_session', 'expert_id'> & {
  sessions_this_month: number;
  busy_minutes_on_date: number;
  sessions_with_organization: number;
};

/** What the expert suggestions read: sessions' load, and the organization's prefecture. */
@Injectable()
export class ExpertSuggestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async prefectureOf(organizationId: string): Promise<string | null> {
    const [organization] = await this.dataSource.query<Row<'organization', 'prefecture_code'>[]>(
      `SELECT prefecture_code FROM organization WHERE id = $1`,
      [organizationId],
    );
    return organization?.prefecture_code ?? null;
  }

  /**
   * Per expert: sessions in the month, minutes booked within the day's working hours, and
   * sessions with this organization (cancelled ones left out).
   */
  loads(
    month: { start: Date; end: Date },
    hours: { start: Date; end: Date },
    organizationId: string,
  ): Promise<LoadRow[]> {
    return this.dataSource.query<LoadRow[]>(
      `SELECT s.expert_id,
         count(*) FILTER (WHERE lower(s.scheduled) >= $1 AND lower(s.scheduled) < $2)::int AS sessions_this_month,
         coalesce(sum(extract(epoch FROM upper(s.scheduled * tstzrange($3, $4)) - lower(s.scheduled * tstzrange($3, $4))) / 60)
           FILTER (WHERE s.scheduled && tstzrange($3, $4)), 0)::int AS busy_minutes_on_date,
         count(*) FILTER (WHERE s.organization_id = $5)::int AS sessions_with_organization
         FROM expert_session s
        WHERE s.status <> 'cancelled'
        GROUP BY s.expert_id`,
      [month.start, month.end, hours.start, hours.end, organizationId],
    );
  }

  /** The kinds of the organization's sessions in the given statuses. */
  async kindsOf(organizationId: string, statuses: readonly string[]): Promise<SessionKind[]> {
    const rows = await this.dataSource.query<{ kind: SessionKind }[]>(
      `SELECT kind FROM expert_session WHERE organization_id = $1 AND status = ANY($2::text[])`,
      [organizationId, statuses],
    );
    return rows.map((r) => r.kind);
  }
}
