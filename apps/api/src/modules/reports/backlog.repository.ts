import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { CaseFilter } from './case-filter';
import type { RollupFilter } from './rollup-filter';

// The same predicate as the partial index case_report_open_idx, so the planner can use it.
const OPEN = `c.status NOT IN ('resolved', 'closed')`;

/** Open cases of a desk received on a Tokyo day (YYYY-MM-DD). */
export interface OpenCasesRow {
  desk_id: string;
  day: string;
  n: number;
}

/** A case with a first-response clock; instants as epoch milliseconds. */
export interface SlaClockRow {
  desk_id: string;
  channel: string;
  received: number;
  due: number;
  responded: number | null;
}

/** Cases by verdict and business minutes to first response, from the SLA roll-ups. */
export interface SlaHistogramRow {
  desk_id: string;
  channel: string;
  verdict: string;
  minutes: number | null;
  n: number;
}

export interface PendingResponsesRow {
  desk_id: string;
  channel: string;
  n: number;
}

/** The backlog's and the SLA report's reads, on the reader's database. */
@Injectable()
export class BacklogRepository {
  constructor(private readonly reader: ReportReader) {}

  openCases(filter: CaseFilter): Promise<OpenCasesRow[]> {
    return this.reader.db.query<OpenCasesRow[]>(
      `SELECT c.desk_id, to_char(c.received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day,
                  count(*)::int AS n
             FROM ${filter.from}
            WHERE ${filter.where} AND ${OPEN}
            GROUP BY 1, 2`,
      filter.params,
    );
  }

  openCasesFromRollup(filter: RollupFilter): Promise<OpenCasesRow[]> {
    return this.reader.db.query<OpenCasesRow[]>(
      `SELECT c.desk_id, c.day::text AS day, sum(c.n)::int AS n
             FROM report_case_day c
            WHERE ${filter.where} AND ${OPEN}
            GROUP BY 1, 2
           HAVING sum(c.n) <> 0`,
      filter.params,
    );
  }

  /** Instants as epoch milliseconds: a hundred thousand rows parse faster as numbers. */
  slaClocks(filter: CaseFilter): Promise<SlaClockRow[]> {
    return this.reader.db.query<SlaClockRow[]>(
      `SELECT c.desk_id, c.channel,
              (extract(epoch FROM c.received_at) * 1000)::float8 AS received,
              (extract(epoch FROM c.first_response_due_at) * 1000)::float8 AS due,
              (extract(epoch FROM c.first_responded_at) * 1000)::float8 AS responded
         FROM ${filter.from}
        WHERE ${filter.where} AND c.first_response_due_at IS NOT NULL`,
      filter.params,
    );
  }

  slaHistogram(grain: 'fiscal_year' | 'month', filter: RollupFilter): Promise<SlaHistogramRow[]> {
    return this.reader.db.query<SlaHistogramRow[]>(
      `SELECT c.desk_id, c.channel, c.verdict, c.minutes, sum(c.n)::int AS n
         FROM ${grain === 'fiscal_year' ? 'report_sla_year' : 'report_sla_month'} c
        WHERE ${filter.where}
        GROUP BY 1, 2, 3, 4
       HAVING sum(c.n) <> 0`,
      filter.params,
    );
  }

  /** Unanswered cases whose first response is due at or after `now`. */
  pendingResponses(filter: CaseFilter, now: Date): Promise<PendingResponsesRow[]> {
    return this.reader.db.query<PendingResponsesRow[]>(
      `SELECT c.desk_id, c.channel, count(*)::int AS n
         FROM ${filter.from}
        WHERE ${filter.where} AND c.first_response_due_at IS NOT NULL
          AND c.first_responded_at IS NULL
          AND c.first_response_due_at >= ${filter.param(now.toISOString())}::timestamptz
        GROUP BY 1, 2`,
      filter.params,
    );
  }
}
