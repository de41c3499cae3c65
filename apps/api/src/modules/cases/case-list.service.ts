import { instantBounds, PREFECTURES, SIZE_BANDS, SLA_AT_RISK_HOURS } from '@madoguchi/domain';
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { decodeCursor, encodeCursor } from '../../common/http/keyset-cursor';
import {
  type CaseListRow,
  SEARCH_WALK_FIRST,
  SEARCH_WALK_ROWS,
  statusCondition,
} from './case-list-query';
import { CaseListRepository } from './case-list.repository';
import { caseScope } from './case-scope';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import type { CaseListDto, CaseQueryDto, CaseSummaryDto, CaseView } from './dto/case.dto';

const EXPORT_PAGE = 1000;

// Excel-friendly: Japanese headers, Tokyo time, one topic list per cell.
const EXPORT_COLUMNS = [
  ['number', '案件番号'],
  ['receivedAt', '受付日時'],
  ['status', '状態'],
  ['channel', '受付経路'],
  ['deskId', '窓口'],
  ['organizationName', '組織名'],
  ['prefectureCode', '都道府県コード'],
  ['topics', '相談分野'],
  ['subject', '件名'],
] as const;

const tokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The case list: filters, scope and keyset pagination in one query. */
@Injectable()
export class CaseListService {
  /** How many of the newest cases a text search reads before it asks the indexes instead. */
  searchWalkRows = SEARCH_WALK_ROWS;
  /** The walk's first step; tests shorten it to cover both steps on a small database. */
  searchWalkFirst = SEARCH_WALK_FIRST;

  constructor(private readonly repository: CaseListRepository) {}

  /**
   * The same list as CSV, streamed page by page so memory stays flat however many rows match.
   * UTF-8 with BOM and CRLF for Excel; cells starting with = + - @ or a tab are neutralised.
   */
  exportCsv(query: CaseQueryDto, principal: Principal): Readable {
    const csv = stringify({
      bom: true,
      header: true,
      record_delimiter: 'windows',
      escape_formulas: true,
      columns: EXPORT_COLUMNS.map(([key, header]) => ({ key, header })),
    });
    const pump = async (): Promise<void> => {
      let cursor: string | undefined;
      do {
        const page = await this.list({ ...query, limit: EXPORT_PAGE, cursor }, principal);
        for (const item of page.items) {
          if (!csv.write(toExportRow(item))) {
            await new Promise((resolve) => csv.once('drain', resolve));
          }
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      csv.end();
    };
    pump().catch((error: unknown) =>
      csv.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return csv;
  }

  async list(query: CaseQueryDto, principal: Principal): Promise<CaseListDto> {
    const { where, params } = this.conditions(query, principal);
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repository.list({
      where,
      params,
      statuses: query.status,
      q: query.q,
      ascending: query.sort === 'receivedAt',
      after,
      limit,
      walkRows: this.searchWalkRows,
      walkFirst: this.searchWalkFirst,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null,
    };
  }

  /**
   * How many cases the list would show for these filters, counted up to `cap` (a badge says
   * "999+", it needs no exact figure); null with a text search, which is too dear to count
   * for a badge.
   */
  async count(query: CaseQueryDto, principal: Principal, cap: number): Promise<number | null> {
    if (query.q?.trim()) {
      return null;
    }
    const { where, params } = this.conditions(query, principal);
    if (query.status?.length) {
      where.push(statusCondition(query.status, params));
    }
    return this.repository.count(where, params, cap);
  }

  /**
   * The list's WHERE conditions (scope, view, filters) and their parameters; the status filter is
   * not among them (the search also asks its index for it: see CaseListPlan.statuses).
   */
  private conditions(
    query: CaseQueryDto,
    principal: Principal,
  ): { where: string[]; params: unknown[] } {
    const params: unknown[] = [];
    const where = [caseScope(principal, params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.view) {
      where.push(viewCondition(query.view, principal, params));
    }
    if (query.deskId) {
      add((p) => `c.desk_id = ${p}`, query.deskId);
    }
    if (query.assigneeId === 'none') {
      where.push('c.assignee_id IS NULL');
    } else if (query.assigneeId) {
      add((p) => `c.assignee_id = ${p}::uuid`, query.assigneeId);
    }
    if (query.channel) {
      add((p) => `c.channel = ${p}`, query.channel);
    }
    if (query.organizationId) {
      add((p) => `c.organization_id = ${p}::uuid`, query.organizationId);
    }
    if (query.topic) {
      add(
        (p) =>
          query.topic!.includes('.')
            ? `EXISTS (SELECT 1 FROM case_topic t WHERE t.case_id = c.id AND t.topic_code = ${p})`
            : `EXISTS (SELECT 1 FROM case_topic t WHERE t.case_id = c.id AND t.topic_code LIKE ${p} || '.%')`,
        query.topic,
      );
    }
    if (query.prefectureCode) {
      add((p) => `o.prefecture_code = ${p}`, query.prefectureCode);
    }
    if (query.industryCode) {
      add((p) => `o.industry_code = ${p}`, query.industryCode);
    }
    if (query.sme) {
      where.push(
        query.sme === 'unknown'
          ? 'o.sme IS NULL'
          : `o.sme = ${query.sme === 'true' ? 'TRUE' : 'FALSE'}`,
      );
    }
    if (query.block === 'unknown') {
      where.push('o.prefecture_code IS NULL');
    } else if (query.block) {
      add(
        (p) => `o.prefecture_code = ANY(${p}::text[])`,
        PREFECTURES.filter((pref) => pref.block === query.block).map((pref) => pref.code),
      );
    }
    if (query.sizeBand) {
      where.push(sizeBandCondition(query.sizeBand));
    }
    // A date-only bound names a whole Tokyo day, as the reports' from/to do.
    const received = instantBounds(query.receivedFrom, query.receivedTo);
    if (received.start) {
      add((p) => `c.received_at >= ${p}::timestamptz`, received.start);
    }
    if (received.end) {
      add((p) => `c.received_at < ${p}::timestamptz`, received.end);
    }
    return { where, params };
  }
}

const OPEN = `c.status NOT IN ('resolved', 'closed')`;
const OVERDUE = `((c.first_responded_at IS NULL AND c.first_response_due_at < now())
                OR c.resolution_due_at < now())`;

/**
 * libs/domain's employee bands ('5-20', …, '301+') as a condition on o.employees, so a report's
 * size-band bar and the case list it drills into count the same cases; 0 employees falls in the
 * first band and a missing or negative head count is 'unknown', as in the reports.
 */
function sizeBandCondition(band: string): string {
  if (band === 'unknown') {
    return '(o.employees IS NULL OR o.employees < 0)';
  }
  const index = SIZE_BANDS.indexOf(band as (typeof SIZE_BANDS)[number]);
  const upper = (code: string | undefined): number | null =>
    code && !code.endsWith('+') ? Number(code.split('-')[1]) : null;
  const below = index > 0 ? upper(SIZE_BANDS[index - 1]) : null;
  const max = upper(band);
  return [
    below === null ? 'o.employees >= 0' : `o.employees > ${below}`,
    ...(max === null ? [] : [`o.employees <= ${max}`]),
  ].join(' AND ');
}

/** The built-in views every desk lives by; they combine with any other filter. */
function viewCondition(view: CaseView, principal: Principal, params: unknown[]): string {
  switch (view) {
    case 'mine':
      params.push(principal.userId);
      return `c.assignee_id = $${params.length}::uuid AND ${OPEN}`;
    case 'unassigned':
      // "My desk" for national staff is the national center.
      params.push(principal.deskId ?? NATIONAL_DESK_ID);
      return `c.desk_id = $${params.length} AND c.assignee_id IS NULL AND ${OPEN}`;
    case 'incoming':
      params.push(principal.deskId ?? NATIONAL_DESK_ID);
      return `c.transfer_to_desk_id = $${params.length}`;
    case 'outgoing':
      params.push(principal.deskId ?? NATIONAL_DESK_ID);
      return `c.transfer_to_desk_id IS NOT NULL AND c.transfer_from_desk_id = $${params.length}`;
    case 'overdue':
      return `${OPEN} AND ${OVERDUE}`;
    case 'at_risk':
      // libs/domain's isSlaAtRisk: not yet overdue, a running deadline within SLA_AT_RISK_HOURS.
      // Each clock as a range on its deadline with its index's predicate (not breached, open),
      // so the two partial deadline indexes answer; a deadline not yet passed is never breached.
      return `${OPEN} AND NOT coalesce(${OVERDUE}, FALSE)
        AND ((c.first_responded_at IS NULL AND c.first_response_breached_at IS NULL
              AND c.first_response_due_at >= now()
              AND c.first_response_due_at < now() + interval '${SLA_AT_RISK_HOURS} hours')
          OR (c.resolution_breached_at IS NULL AND c.resolution_due_at >= now()
              AND c.resolution_due_at < now() + interval '${SLA_AT_RISK_HOURS} hours'))`;
    default: {
      const unreachable: never = view;
      return unreachable;
    }
  }
}

function toExportRow(c: CaseSummaryDto): Record<string, string> {
  return {
    number: c.number,
    receivedAt: tokyo.format(new Date(c.receivedAt)),
    status: c.status,
    channel: c.channel,
    deskId: c.deskId,
    organizationName: c.organizationName,
    prefectureCode: c.prefectureCode ?? '',
    topics: c.topics.join(' '),
    subject: c.subject,
  };
}

function toSummary(r: CaseListRow): CaseSummaryDto {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    channel: r.channel,
    deskId: r.desk_id,
    assigneeId: r.assignee_id,
    subject: r.subject,
    topics: r.topics,
    receivedAt: r.received_at.toISOString(),
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    prefectureCode: r.prefecture_code,
    firstResponseDueAt: r.first_response_due_at?.toISOString() ?? null,
    firstRespondedAt: r.first_responded_at?.toISOString() ?? null,
    resolutionDueAt: r.resolution_due_at?.toISOString() ?? null,
    transferToDeskId: r.transfer_to_desk_id,
    transferAcceptDueAt: r.transfer_accept_due_at?.toISOString() ?? null,
    version: r.version,
  };
}
