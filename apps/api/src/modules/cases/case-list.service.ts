import { normalizeForSearch } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { decodeCursor, encodeCursor } from '../../common/http/keyset-cursor';
import { caseScope } from './case-scope';
import type { CaseListDto, CaseQueryDto, CaseSummaryDto } from './dto/case.dto';

interface SummaryRow {
  id: string;
  number: string;
  status: string;
  channel: string;
  desk_id: string;
  assignee_id: string | null;
  subject: string;
  received_at: Date;
  organization_id: string;
  organization_name: string;
  prefecture_code: string | null;
  first_response_due_at: Date | null;
  version: number;
  topics: string[];
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

/** The case list: filters, scope and keyset pagination in one query. */
@Injectable()
export class CaseListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: CaseQueryDto, principal: Principal): Promise<CaseListDto> {
    const params: unknown[] = [];
    const where = [caseScope(principal, params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status?.length) {
      add((p) => `c.status = ANY(${p}::text[])`, query.status);
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
    if (query.receivedFrom) {
      add((p) => `c.received_at >= ${p}::timestamptz`, query.receivedFrom);
    }
    if (query.receivedTo) {
      add((p) => `c.received_at < ${p}::timestamptz`, query.receivedTo);
    }
    if (query.q?.trim()) {
      const raw = query.q.trim();
      params.push(raw, `%${escapeLike(raw)}%`, `%${escapeLike(normalizeForSearch(raw))}%`);
      const [exact, like, normalized] = [params.length - 2, params.length - 1, params.length].map(
        (n) => `$${n}`,
      );
      where.push(
        `(c.number = ${exact} OR c.subject ILIKE ${like} OR c.description ILIKE ${like} OR o.search_text LIKE ${normalized})`,
      );
    }
    const ascending = query.sort === 'receivedAt';
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      params.push(after.at, after.id);
      where.push(
        `(c.received_at, c.id) ${ascending ? '>' : '<'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    const limit = query.limit ?? 50;
    params.push(limit + 1);
    const direction = ascending ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT c.id, c.number, c.status, c.channel, c.desk_id, c.assignee_id, c.subject, c.received_at,
              c.organization_id, o.name AS organization_name, o.prefecture_code, c.first_response_due_at, c.version,
              ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics
         FROM "case" c JOIN organization o ON o.id = c.organization_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.received_at ${direction}, c.id ${direction}
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null,
    };
  }
}

function toSummary(r: SummaryRow): CaseSummaryDto {
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
    version: r.version,
  };
}
