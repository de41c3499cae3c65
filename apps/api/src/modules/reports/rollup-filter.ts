import type { Principal } from '../../common/auth/principal';
import { caseScope } from '../cases/case-scope';
import type { ReportFiltersDto } from './dto/report-filters.dto';

/** Where a report reads: the roll-ups when they cover the question, else the base tables. */
export type ReportSource = 'auto' | 'direct';

/** The period a roll-up is keyed by: its column is named the same. */
export type RollupGrain = 'day' | 'month' | 'fiscal_year';

const lastDayOfMonth = (ymd: string): boolean => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
};

/**
 * The WHERE of a report query over a roll-up aliased `c` (migration ReportRollups): the
 * roll-ups carry the case's desk, pending transfer and channel, so the principal's case scope
 * and the desk and channel filters read the same as on the case table. Organization and topic
 * filters are not keys of the day roll-ups: `covers()` says when the caller must read the base
 * tables instead.
 */
export class RollupFilter {
  readonly params: unknown[] = [];
  readonly conditions: string[] = [];

  private constructor() {}

  /**
   * A filter over roll-up rows keyed by `period`, or null when the roll-up cannot answer: an
   * organization or topic filter, a month (fiscal year) roll-up asked for part of a month (year),
   * or a principal whose scope is not a desk (reports are for managers and admins).
   */
  static covering(
    filters: ReportFiltersDto,
    principal: Principal,
    period: RollupGrain,
  ): RollupFilter | null {
    if (filters.prefectureCode || filters.industryCode || filters.sme || filters.topic) {
      return null;
    }
    if (principal.role !== 'manager' && principal.role !== 'admin') {
      return null;
    }
    if (period === 'month' && !RollupFilter.monthAligned(filters)) {
      return null;
    }
    if (period === 'fiscal_year' && !RollupFilter.fiscalYearAligned(filters)) {
      return null;
    }
    const f = new RollupFilter();
    f.conditions.push(caseScope(principal, f.params));
    if (period === 'fiscal_year') {
      // Whole fiscal years (checked above): April 1 of the first, March 31 after the last.
      if (filters.from) {
        f.conditions.push(`c.fiscal_year >= ${f.param(Number(filters.from.slice(0, 4)))}`);
      }
      if (filters.to) {
        f.conditions.push(`c.fiscal_year <= ${f.param(Number(filters.to.slice(0, 4)) - 1)}`);
      }
    } else {
      if (filters.from) {
        f.conditions.push(`c.${period} >= ${f.param(filters.from)}::date`);
      }
      if (filters.to) {
        // A month row covers the days up to its last: 'to' is that last day (checked above).
        f.conditions.push(`c.${period} <= ${f.param(filters.to)}::date`);
      }
    }
    if (filters.deskId) {
      f.conditions.push(`c.desk_id = ${f.param(filters.deskId)}`);
    }
    if (filters.channel) {
      f.conditions.push(`c.channel = ${f.param(filters.channel)}`);
    }
    return f;
  }

  /** from is a first and to a last day of a month (either may be open): whole months. */
  static monthAligned(filters: ReportFiltersDto): boolean {
    return (
      (!filters.from || filters.from.endsWith('-01')) && (!filters.to || lastDayOfMonth(filters.to))
    );
  }

  /** The coarsest of the grains (coarsest first) whose roll-up answers, with its filter. */
  static coarsest<G extends RollupGrain>(
    filters: ReportFiltersDto,
    principal: Principal,
    grains: readonly G[],
  ): { grain: G; filter: RollupFilter } | null {
    for (const grain of grains) {
      const filter = RollupFilter.covering(filters, principal, grain);
      if (filter) {
        return { grain, filter };
      }
    }
    return null;
  }

  /** from is an April 1 and to a March 31 (either may be open): whole fiscal years. */
  static fiscalYearAligned(filters: ReportFiltersDto): boolean {
    return (
      (!filters.from || filters.from.endsWith('-04-01')) &&
      (!filters.to || filters.to.endsWith('-03-31'))
    );
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}
