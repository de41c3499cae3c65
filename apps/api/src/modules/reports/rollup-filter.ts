import type { Principal } from '../../common/auth/principal';
import { caseScope } from '../cases/case-scope';
import type { ReportFiltersDto } from './dto/report-filters.dto';

/** Where a report reads: the roll-ups when they cover the question, else the base tables. */
export type ReportSource = 'auto' | 'direct';

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
   * A filter over roll-up rows keyed by `period` ('day' or 'month'), or null when the roll-up
   * cannot answer: an organization or topic filter, a month roll-up asked for part of a month,
   * or a principal whose scope is not a desk (reports are for managers and admins).
   */
  static covering(
    filters: ReportFiltersDto,
    principal: Principal,
    period: 'day' | 'month',
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
    const f = new RollupFilter();
    f.conditions.push(caseScope(principal, f.params));
    if (filters.from) {
      f.conditions.push(`c.${period} >= ${f.param(filters.from)}::date`);
    }
    if (filters.to) {
      // A month row covers the days up to its last: 'to' is that last day (checked above).
      f.conditions.push(`c.${period} <= ${f.param(filters.to)}::date`);
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

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}
