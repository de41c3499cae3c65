import { type BusinessCalendar, isBusinessDay, tokyoDate } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import { BusinessClock } from './business-clock';
import { CaseFilter } from './case-filter';
import {
  BACKLOG_AGES,
  type BacklogAge,
  type BacklogReportDto,
  type SlaReportDto,
  type SlaRowDto,
} from './dto/backlog.dto';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import { median, percent } from './percent';

// The same predicate as the partial index case_report_open_idx, so the planner can use it.
const OPEN = `c.status NOT IN ('resolved', 'closed')`;

export function ageBucket(businessDays: number): BacklogAge {
  return businessDays <= 1
    ? '0-1'
    : businessDays <= 5
      ? '2-5'
      : businessDays <= 10
        ? '6-10'
        : businessDays <= 20
          ? '11-20'
          : '21+';
}

const shiftDay = (ymd: string, days: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Business days after `day` up to and including `today` on a calendar: 0 for a case received
 * today, 1 for one received on the previous business day. Computed once per (desk, day) group,
 * walking a cumulative count of business days backwards from today.
 */
export function businessDayAges(
  days: readonly string[],
  today: string,
  calendar: BusinessCalendar,
): Map<string, number> {
  const ages = new Map<string, number>();
  const wanted = [...new Set(days)].sort().reverse();
  let cursor = today;
  let count = 0;
  for (const day of wanted) {
    // Count the business days in (day, cursor], moving the cursor down to `day`.
    while (cursor > day) {
      if (isBusinessDay(cursor, calendar)) {
        count += 1;
      }
      cursor = shiftDay(cursor, -1);
    }
    ages.set(day, count);
  }
  return ages;
}

/** Figures that need the desks' business calendars: the backlog's ages and the SLA clock. */
@Injectable()
export class BacklogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: DeskCalendarService,
  ) {}

  /**
   * Open cases by age in business days on the owning desk's calendar (holidays, the year-end
   * break and the desk's own closures). The database groups by (desk, Tokyo day of receipt),
   * at most a few thousand rows for years of history; the ages are exact per desk.
   */
  async backlog(
    filters: ReportFiltersDto,
    byDesk: boolean,
    principal: Principal,
    now = new Date(),
  ): Promise<BacklogReportDto> {
    const filter = new CaseFilter(filters, principal);
    const groups = await this.dataSource.query<{ desk_id: string; day: string; n: number }[]>(
      `SELECT c.desk_id, to_char(c.received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day,
              count(*)::int AS n
         FROM ${filter.from}
        WHERE ${filter.where} AND ${OPEN}
        GROUP BY 1, 2`,
      filter.params,
    );
    const today = tokyoDate(now);
    const counts = new Map<string, Map<BacklogAge, number>>();
    const byDeskId = new Map<string, typeof groups>();
    for (const g of groups) {
      const list = byDeskId.get(g.desk_id);
      if (list) {
        list.push(g);
      } else {
        byDeskId.set(g.desk_id, [g]);
      }
    }
    let totalOpen = 0;
    for (const [deskId, deskGroups] of byDeskId) {
      const calendar = await this.calendars.calendarFor(deskId);
      const ages = businessDayAges(
        deskGroups.map((g) => g.day),
        today,
        calendar,
      );
      const key = byDesk ? deskId : '*';
      const buckets = counts.get(key) ?? new Map<BacklogAge, number>();
      counts.set(key, buckets);
      for (const g of deskGroups) {
        const bucket = ageBucket(ages.get(g.day) ?? 0);
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + g.n);
        totalOpen += g.n;
      }
    }
    if (!byDesk && counts.size === 0) {
      counts.set('*', new Map());
    }
    const rows = [...counts.keys()].sort().flatMap((key) =>
      BACKLOG_AGES.map((age) => ({
        ...(byDesk ? { desk: key } : {}),
        age,
        count: counts.get(key)!.get(age) ?? 0,
      })),
    );
    return { asOf: today, rows, totalOpen };
  }

  /**
   * First-response SLA by desk and channel, over cases with a first-response clock (channels
   * answered on contact have none). Met: first response at or before the due time, which
   * already moved for time spent waiting on the customer. Response time: business hours from
   * receipt to first response on the desk's calendar (libs/domain businessHoursBetween, via
   * BusinessClock; minute-exact), pauses included, median over answered cases.
   */
  async sla(
    filters: ReportFiltersDto,
    principal: Principal,
    now = new Date(),
  ): Promise<SlaReportDto> {
    const filter = new CaseFilter(filters, principal);
    const now_ = filter.param(now.toISOString());
    // Counts in SQL; for the median, the answered cases' instants as epoch milliseconds in one
    // array per group: far cheaper to ship and parse than a hundred thousand row objects.
    const groups = await this.dataSource.query<
      {
        desk_id: string;
        channel: string;
        clocked: number;
        met: number;
        breached: number;
        pending: number;
        received: number[] | null;
        responded: number[] | null;
      }[]
    >(
      `SELECT c.desk_id, c.channel, count(*)::int AS clocked,
              count(*) FILTER (WHERE c.first_responded_at <= c.first_response_due_at)::int AS met,
              count(*) FILTER (WHERE c.first_responded_at > c.first_response_due_at
                OR (c.first_responded_at IS NULL AND c.first_response_due_at < ${now_}::timestamptz))::int AS breached,
              count(*) FILTER (WHERE c.first_responded_at IS NULL
                AND c.first_response_due_at >= ${now_}::timestamptz)::int AS pending,
              array_agg((extract(epoch FROM c.received_at) * 1000)::float8 ORDER BY c.received_at)
                FILTER (WHERE c.first_responded_at IS NOT NULL) AS received,
              array_agg((extract(epoch FROM c.first_responded_at) * 1000)::float8 ORDER BY c.received_at)
                FILTER (WHERE c.first_responded_at IS NOT NULL) AS responded
         FROM ${filter.from}
        WHERE ${filter.where} AND c.first_response_due_at IS NOT NULL
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      filter.params,
    );
    const clocks = new Map<string, BusinessClock>();
    for (const deskId of new Set(groups.map((g) => g.desk_id))) {
      const instants = groups
        .filter((g) => g.desk_id === deskId)
        .flatMap((g) => [...(g.received ?? []), ...(g.responded ?? [])]);
      clocks.set(
        deskId,
        BusinessClock.covering(await this.calendars.calendarFor(deskId), instants),
      );
    }
    const total = emptySlaRow('*', '*');
    const allHours: number[] = [];
    const rows = groups.map((g) => {
      const clock = clocks.get(g.desk_id)!;
      const received = g.received ?? [];
      const responded = g.responded ?? [];
      const hours = received.map((at, i) => clock.hoursBetween(at, responded[i]!));
      for (const h of hours) {
        allHours.push(h);
      }
      for (const key of ['clocked', 'met', 'breached', 'pending'] as const) {
        total[key] += g[key];
      }
      return {
        desk: g.desk_id,
        channel: g.channel,
        clocked: g.clocked,
        met: g.met,
        breached: g.breached,
        pending: g.pending,
        metPercent: percent(g.met, g.met + g.breached),
        medianResponseBusinessHours: median(hours),
      };
    });
    return {
      rows,
      total: {
        ...total,
        metPercent: percent(total.met, total.met + total.breached),
        medianResponseBusinessHours: median(allHours),
      },
    };
  }
}

function emptySlaRow(desk: string, channel: string): SlaRowDto {
  return {
    desk,
    channel,
    clocked: 0,
    met: 0,
    breached: 0,
    pending: 0,
    metPercent: null,
    medianResponseBusinessHours: null,
  };
}
