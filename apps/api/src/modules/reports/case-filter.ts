import { jstDayRange } from '@madoguchi/domain';
import type { Principal } from '../../common/auth/principal';
import { caseScope } from '../cases/case-scope';
import type { ReportFiltersDto } from './dto/report-filters.dto';

/**
 * The WHERE of a report query over cases `c` (and their organization `o` when a filter or a
 * dimension needs it). The principal's case scope is always the first condition: a regional
 * desk's manager sees that desk's cases only, in every report and export.
 */
export class CaseFilter {
  readonly params: unknown[] = [];
  readonly conditions: string[] = [];
  private organization = false;

  constructor(
    filters: ReportFiltersDto,
    principal: Principal,
    /** Which instant the from/to days apply to; null when the caller dates something else. */
    dateColumn: string | null = 'c.received_at',
  ) {
    this.conditions.push(caseScope(principal, this.params));
    const { start, end } = jstDayRange(filters.from, filters.to);
    if (dateColumn && start) {
      this.conditions.push(`${dateColumn} >= ${this.param(start.toISOString())}::timestamptz`);
    }
    if (dateColumn && end) {
      this.conditions.push(`${dateColumn} < ${this.param(end.toISOString())}::timestamptz`);
    }
    if (filters.deskId) {
      this.conditions.push(`c.desk_id = ${this.param(filters.deskId)}`);
    }
    if (filters.channel) {
      this.conditions.push(`c.channel = ${this.param(filters.channel)}`);
    }
    if (filters.topic) {
      const p = this.param(filters.topic);
      this.conditions.push(
        filters.topic.includes('.')
          ? `EXISTS (SELECT 1 FROM case_topic ft WHERE ft.case_id = c.id AND ft.topic_code = ${p})`
          : `EXISTS (SELECT 1 FROM case_topic ft WHERE ft.case_id = c.id AND ft.topic_code LIKE ${p} || '.%')`,
      );
    }
    if (filters.prefectureCode) {
      this.conditions.push(`o.prefecture_code = ${this.param(filters.prefectureCode)}`);
      this.organization = true;
    }
    if (filters.industryCode) {
      this.conditions.push(`o.industry_code = ${this.param(filters.industryCode)}`);
      this.organization = true;
    }
    if (filters.sme) {
      this.conditions.push(
        filters.sme === 'unknown' ? 'o.sme IS NULL' : `o.sme = ${filters.sme === 'true'}`,
      );
      this.organization = true;
    }
  }

  /** Adds a parameter and answers its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** A dimension or column of the organization is needed: join it. */
  useOrganization(): this {
    this.organization = true;
    return this;
  }

  /** `"case" c` plus the organization join when something needs it. */
  get from(): string {
    return this.organization
      ? `"case" c JOIN organization o ON o.id = c.organization_id`
      : `"case" c`;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}
