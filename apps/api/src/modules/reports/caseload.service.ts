import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { CaseFilter } from './case-filter';
import { type CaseloadDimension, dimensionSql, topicJoinSql } from './dimensions';
import type {
  CaseloadReportDto,
  CaseloadRowDto,
  FunnelReportDto,
  ReferralsReportDto,
} from './dto/caseload.dto';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import { percent } from './percent';
import { reportQuery } from './report-query';

// A session the organization used: cancelled ones do not count, as for the allowance.
const HAS_SESSION = `EXISTS (SELECT 1 FROM expert_session s WHERE s.case_id = c.id AND s.status <> 'cancelled')`;

/** Case counts: the caseload by any one or two dimensions, the funnel and the referrals. */
@Injectable()
export class CaseloadService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async caseload(
    filters: ReportFiltersDto,
    groupBy: CaseloadDimension[],
    principal: Principal,
  ): Promise<CaseloadReportDto> {
    const filter = new CaseFilter(filters, principal);
    const topicJoin = groupBy.includes('topic2') ? 'code' : 'category';
    const dims = groupBy.map((d) => ({ name: d, ...dimensionSql(d, topicJoin) }));
    if (dims.some((d) => d.organization)) {
      filter.useOrganization();
    }
    const topics = dims.some((d) => d.topics) ? topicJoinSql(topicJoin) : '';
    const positions = dims.map((_, i) => String(i + 1)).join(', ');
    const order = dims.map((d, i) => d.order ?? String(i + 1)).join(', ');
    const rows = await reportQuery<Record<string, string | number | null>[]>(
      this.dataSource,
      `SELECT ${dims.map((d, i) => `${d.sql} AS d${i}`).join(', ')}, count(*)::int AS count
         FROM ${filter.from} ${topics}
        WHERE ${filter.where}
        GROUP BY ${positions}
        ORDER BY ${order}`,
      filter.params,
    );
    const out = rows.map((row) => {
      const item: Record<string, string | number> = {};
      dims.forEach((d, i) => {
        const value = row[`d${i}`];
        item[d.name] = d.numeric ? Number(value) : String(value);
      });
      item.count = Number(row.count);
      return item as unknown as CaseloadRowDto;
    });
    // With a topic dimension a case is in as many rows as it has topics: count cases apart.
    const totalCases = topics
      ? await this.count(filters, principal)
      : out.reduce((sum, row) => sum + row.count, 0);
    return { groupBy, rows: out, totalCases };
  }

  /** Matching cases, each once. */
  async count(filters: ReportFiltersDto, principal: Principal): Promise<number> {
    const filter = new CaseFilter(filters, principal);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${filter.from} WHERE ${filter.where}`,
      filter.params,
    );
    return row?.n ?? 0;
  }

  /**
   * Inquiries → cases with at least one expert session (not cancelled) → of those, cases
   * whose outcome is adopted.
   */
  async funnel(filters: ReportFiltersDto, principal: Principal): Promise<FunnelReportDto> {
    const filter = new CaseFilter(filters, principal);
    const [row] = await this.dataSource.query<
      { inquiries: number; sessions: number; adopted: number }[]
    >(
      `SELECT count(*)::int AS inquiries,
              count(*) FILTER (WHERE ${HAS_SESSION})::int AS sessions,
              count(*) FILTER (WHERE c.outcome = 'adopted' AND ${HAS_SESSION})::int AS adopted
         FROM ${filter.from}
        WHERE ${filter.where}`,
      filter.params,
    );
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
  async referrals(filters: ReportFiltersDto, principal: Principal): Promise<ReferralsReportDto> {
    const filter = new CaseFilter(filters, principal);
    const rows = await this.dataSource.query<
      {
        code: string | null;
        fiscal_year: number | null;
        name_ja: string | null;
        provider: string | null;
        kind: string | null;
        cases: number;
      }[]
    >(
      `SELECT p.code, p.fiscal_year, p.name_ja, p.provider, p.kind, count(DISTINCT r.case_id)::int AS cases
         FROM ${filter.from}
         JOIN case_referral r ON r.case_id = c.id
         JOIN referral_program p ON p.id = r.program_id
        WHERE ${filter.where}
        GROUP BY GROUPING SETS ((p.code, p.fiscal_year, p.name_ja, p.provider, p.kind), ())
        ORDER BY p.fiscal_year DESC NULLS LAST, cases DESC, p.code`,
      filter.params,
    );
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
