import { type BusinessCalendar, isBusinessDay, tokyoDate } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import {
  BacklogRepository,
  type PendingResponsesRow,
  type SlaHistogramRow,
} from './backlog.repository';
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
import { median, percent, weightedMedian } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';
import { RollupMaintenanceService } from './rollup-maintenance.service';

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
    private readonly repository: BacklogRepository,
    private readonly calendars: DeskCalendarService,
    private readonly maintenance: RollupMaintenanceService,
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
    source: ReportSource = 'auto',
  ): Promise<BacklogReportDto> {
    if (source === 'auto') {
      await this.maintenance.current();
    }
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'day') : null;
    const groups = rolled
      ? await this.repository.openCasesFromRollup(rolled)
      : await this.repository.openCases(new CaseFilter(filters, principal));
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
    source: ReportSource = 'auto',
  ): Promise<SlaReportDto> {
    if (source === 'auto') {
      await this.maintenance.current();
    }
    const rolled =
      source === 'auto'
        ? RollupFilter.coarsest(filters, principal, ['fiscal_year', 'month'] as const)
        : null;
    if (rolled) {
      return this.slaFromRollup(rolled, filters, principal, now);
    }
    const rows = await this.repository.slaClocks(new CaseFilter(filters, principal));
    interface Acc {
      row: SlaRowDto;
      hours: number[];
    }
    const groups = new Map<string, Acc>();
    const total: Acc = { row: emptySlaRow('*', '*'), hours: [] };
    const clocks = new Map<string, BusinessClock>();
    const instants = new Map<string, number[]>();
    for (const r of rows) {
      const list = instants.get(r.desk_id) ?? [];
      instants.set(r.desk_id, list);
      if (r.responded !== null) {
        list.push(r.received, r.responded);
      }
    }
    for (const [deskId, list] of instants) {
      clocks.set(deskId, BusinessClock.covering(await this.calendars.calendarFor(deskId), list));
    }
    const nowMs = now.getTime();
    for (const r of rows) {
      const key = `${r.desk_id}\u0000${r.channel}`;
      const acc = groups.get(key) ?? { row: emptySlaRow(r.desk_id, r.channel), hours: [] };
      groups.set(key, acc);
      const verdict =
        r.responded !== null
          ? r.responded <= r.due
            ? 'met'
            : 'breached'
          : r.due < nowMs
            ? 'breached'
            : 'pending';
      const hours =
        r.responded !== null ? clocks.get(r.desk_id)!.hoursBetween(r.received, r.responded) : null;
      for (const a of [acc, total]) {
        a.row.clocked += 1;
        a.row[verdict] += 1;
        if (hours !== null) {
          a.hours.push(hours);
        }
      }
    }
    const finish = (a: Acc): SlaRowDto => ({
      ...a.row,
      metPercent: percent(a.row.met, a.row.met + a.row.breached),
      medianResponseBusinessHours: median(a.hours),
    });
    return {
      rows: [...groups.values()]
        .map(finish)
        .sort((a, b) => a.desk.localeCompare(b.desk) || a.channel.localeCompare(b.channel)),
      total: finish(total),
    };
  }

  private async slaFromRollup(
    rolled: { grain: 'fiscal_year' | 'month'; filter: RollupFilter },
    filters: ReportFiltersDto,
    principal: Principal,
    now: Date,
  ): Promise<SlaReportDto> {
    // Answered cases whose business minutes are not computed yet (answered since the last
    // report): computed now, so the median counts them.
    await this.maintenance.fillFirstResponseMinutes();
    const histogram = await this.repository.slaHistogram(rolled.grain, rolled.filter);
    const pending = await this.repository.pendingResponses(new CaseFilter(filters, principal), now);
    return slaRows(histogram, pending);
  }
}

/**
 * The SLA figures from the yearly or monthly histogram (report_sla_year, _month): met and late by business
 * minutes to first response, and unanswered cases, which are pending or breached by the time
 * now; the pending ones (due in the future) are few and read from the case table.
 */
function slaRows(histogram: SlaHistogramRow[], pending: PendingResponsesRow[]): SlaReportDto {
  interface Acc {
    row: SlaRowDto;
    open: number;
    hours: [number, number][];
  }
  const groups = new Map<string, Acc>();
  const total: Acc = { row: emptySlaRow('*', '*'), open: 0, hours: [] };
  const groupOf = (desk: string, channel: string): Acc => {
    const key = `${desk}\u0000${channel}`;
    const acc = groups.get(key) ?? { row: emptySlaRow(desk, channel), open: 0, hours: [] };
    groups.set(key, acc);
    return acc;
  };
  for (const h of histogram) {
    for (const a of [groupOf(h.desk_id, h.channel), total]) {
      a.row.clocked += h.n;
      if (h.verdict === 'open') {
        a.open += h.n;
      } else {
        a.row[h.verdict === 'met' ? 'met' : 'breached'] += h.n;
        if (h.minutes !== null) {
          a.hours.push([h.minutes / 60, h.n]);
        }
      }
    }
  }
  for (const p of pending) {
    for (const a of [groupOf(p.desk_id, p.channel), total]) {
      a.row.pending += p.n;
    }
  }
  const finish = (a: Acc): SlaRowDto => {
    const breached = a.row.breached + a.open - a.row.pending;
    return {
      ...a.row,
      breached,
      metPercent: percent(a.row.met, a.row.met + breached),
      medianResponseBusinessHours: weightedMedian(a.hours),
    };
  };
  return {
    rows: [...groups.values()]
      .filter((a) => a.row.clocked > 0)
      .map(finish)
      .sort((a, b) => a.desk.localeCompare(b.desk) || a.channel.localeCompare(b.channel)),
    total: finish(total),
  };
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
