import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CaseFilter } from './case-filter';
import { type CaseloadGroupRow, CaseloadRepository } from './caseload.repository';
import {
  type CaseloadDimension,
  dimensionSql,
  rollupDimensionSql,
  topicJoinSql,
} from './dimensions';
import type {
  CaseloadReportDto,
  CaseloadRowDto,
  FunnelReportDto,
  ReferralsReportDto,
} from './dto/caseload.dto';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import { percent } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';
import { RollupMaintenanceService } from './rollup-maintenance.service';

const toCaseloadRows = (
  rows: CaseloadGroupRow[],
  dims: { name: CaseloadDimension; numeric: boolean }[],
): CaseloadRowDto[] =>
  rows.map((row) => {
    const item: Record<string, string | number> = {};
    dims.forEach((d, i) => {
      const value = row[`d${i}`];
      item[d.name] = d.numeric ? Number(value) : String(value);
    });
    item.count = Number(row.count);
    return item as unknown as CaseloadRowDto;
  });

/** Case counts from the month roll-up over whole months, else from the day roll-up. */
export function caseCounts(
  filters: ReportFiltersDto,
  principal: Principal,
): { table: string; filter: RollupFilter } | null {
  const rolled = RollupFilter.coarsest(filters, principal, ['month', 'day'] as const);
  return rolled && { table: `report_case_${rolled.grain}`, filter: rolled.filter };
}

/**
 * Case counts: the caseload by any one or two dimensions, the funnel and the referrals. Each
 * reads the roll-ups when they cover the question (RollupFilter) and the base tables otherwise;
 * `source: 'direct'` forces the base tables (the e2e test compares the two).
 */
@Injectable()
export class CaseloadService {
  constructor(
    private readonly repository: CaseloadRepository,
    private readonly rollups: RollupMaintenanceService,
  ) {}

  async caseload(
    filters: ReportFiltersDto,
    groupBy: CaseloadDimension[],
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<CaseloadReportDto> {
    if (source === 'auto') {
      await this.rollups.current();
      const rolled = await this.caseloadFromRollups(filters, groupBy, principal);
      if (rolled) {
        return rolled;
      }
    }
    const filter = new CaseFilter(filters, principal);
    const topicJoin = groupBy.includes('topic2') ? 'code' : 'category';
    const dims = groupBy.map((d) => ({ name: d, ...dimensionSql(d, topicJoin) }));
    if (dims.some((d) => d.organization)) {
      filter.useOrganization();
    }
    const topics = dims.some((d) => d.topics) ? topicJoinSql(topicJoin) : '';
    const rows = await this.repository.groups(filter, dims, topics);
    const out = toCaseloadRows(rows, dims);
    // With a topic dimension a case is in as many rows as it has topics: count cases apart.
    const totalCases = topics
      ? await this.count(filters, principal, 'direct')
      : out.reduce((sum, row) => sum + row.count, 0);
    return { groupBy, rows: out, totalCases };
  }

  /**
   * Case-level dimensions (periods, desk, channel, status) from the month roll-up over whole
   * months, else from the day roll-up; one
   * organization or topic dimension, with a month, fiscal year or case-level dimension, from the
   * month roll-up over whole months. Null when neither covers the question.
   */
  private async caseloadFromRollups(
    filters: ReportFiltersDto,
    groupBy: CaseloadDimension[],
    principal: Principal,
  ): Promise<CaseloadReportDto | null> {
    const byDay = groupBy.map((d) => rollupDimensionSql(d, 'day'));
    const byMonth = groupBy.map((d) => rollupDimensionSql(d, 'month'));
    const attrs = byMonth.filter((d) => d?.attr);
    let table: string;
    let filter: RollupFilter | null;
    let picked: typeof byDay;
    if (byMonth.every((d) => d && d.attr === null) && RollupFilter.monthAligned(filters)) {
      table = 'report_case_month';
      filter = RollupFilter.covering(filters, principal, 'month');
      picked = byMonth;
    } else if (byDay.every((d) => d && d.attr === null)) {
      table = 'report_case_day';
      filter = RollupFilter.covering(filters, principal, 'day');
      picked = byDay;
    } else if (byMonth.every((d) => d !== null) && attrs.length === 1) {
      table = 'report_case_month_attr';
      filter = RollupFilter.covering(filters, principal, 'month');
      filter?.conditions.push(`c.attr = ${filter.param(attrs[0]!.attr)}`);
      picked = byMonth;
    } else {
      return null;
    }
    if (!filter) {
      return null;
    }
    const dims = picked.map((d, i) => ({ name: groupBy[i]!, ...d! }));
    const rows = await this.repository.groupsFromRollup(table, filter, dims);
    const out = toCaseloadRows(rows, dims);
    const topics = groupBy.includes('topic') || groupBy.includes('topic2');
    const totalCases = topics
      ? await this.count(filters, principal)
      : out.reduce((sum, row) => sum + row.count, 0);
    return { groupBy, rows: out, totalCases };
  }

  /** Matching cases, each once. */
  async count(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<number> {
    if (source === 'auto') {
      await this.rollups.current();
    }
    const rolled = source === 'auto' ? caseCounts(filters, principal) : null;
    return rolled
      ? this.repository.countFromRollup(rolled.table, rolled.filter)
      : this.repository.count(new CaseFilter(filters, principal));
  }

  /**
   * Inquiries → cases with at least one expert session (not cancelled) → of those, cases
   * whose outcome is adopted.
   */
  async funnel(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<FunnelReportDto> {
    if (source === 'auto') {
      await this.rollups.current();
    }
    const rolled = source === 'auto' ? caseCounts(filters, principal) : null;
    const row = rolled
      ? await this.repository.funnelFromRollup(rolled.table, rolled.filter)
      : await this.repository.funnel(new CaseFilter(filters, principal));
    const counts = [row?.inquiries ?? 0, row?.sessions ?? 0, row?.adopted ?? 0];
    const stages = ['inquiries', 'expert_sessions', 'adopted'] as const;
    return {
      stages: stages.map((stage, i) => ({
        stage,
        count: counts[i]!,
        percentOfPrevious: i === 0 ? null : percent(counts[i]!, counts[i - 1]!),
        percentOfInquiries: i === 0 ? null : percent(counts[i]!, counts[0]!),
      })),
    };
  }

  /** Referrals of the matching cases by program version (programs are per fiscal year). */
  async referrals(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<ReferralsReportDto> {
    if (source === 'auto') {
      await this.rollups.current();
    }
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'day') : null;
    const rows = rolled
      ? await this.repository.referralsFromRollup(rolled)
      : await this.repository.referrals(new CaseFilter(filters, principal));
    let casesReferred = 0;
    const out: ReferralsReportDto['rows'] = [];
    for (const r of rows) {
      if (r.code === null) {
        casesReferred = r.cases;
      } else {
        out.push({
          programCode: r.code,
          fiscalYear: r.fiscal_year!,
          nameJa: r.name_ja!,
          provider: r.provider!,
          kind: r.kind!,
          cases: r.cases,
        });
      }
    }
    return { rows: out, casesReferred };
  }
}
