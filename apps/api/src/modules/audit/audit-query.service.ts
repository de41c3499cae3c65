import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AuditRepository } from './audit.repository';
import type { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

const EXPORT_PAGE = 200;

// Excel-friendly like the case export: Japanese headers, Tokyo time.
const EXPORT_COLUMNS = [
  ['at', '日時'],
  ['actorEmail', '操作者'],
  ['action', '操作'],
  ['entityType', '対象の種類'],
  ['entityId', '対象ID'],
  ['ip', 'IPアドレス'],
  ['requestId', 'リクエストID'],
  ['details', '内容'],
] as const;

const tokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'medium',
});

@Injectable()
export class AuditQueryService {
  constructor(private readonly audit: AuditRepository) {}

  /**
   * The filtered trail as CSV (UTF-8 with BOM, CRLF, formulas neutralised), newest first,
   * streamed page by page so memory stays flat however long the trail is.
   */
  exportCsv(query: AuditQueryDto, principal: Principal): Readable {
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
        const page = await this.page({ ...query, limit: EXPORT_PAGE, cursor }, principal);
        for (const e of page.items) {
          const row = {
            ...e,
            at: tokyo.format(new Date(e.at)),
            details: e.changes || e.meta ? JSON.stringify({ ...e.meta, ...e.changes }) : '',
          };
          if (!csv.write(row)) {
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

  async page(query: AuditQueryDto, principal: Principal): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    // A regional desk's manager sees what that desk's staff did, not the whole country.
    const regional =
      principal.role === 'manager' && principal.deskId && principal.deskId !== NATIONAL_DESK_ID;
    const rows = await this.audit.page(
      {
        actorDeskId: regional ? principal.deskId! : undefined,
        actorEmail: query.actorEmail,
        actorId: query.actorId,
        entityType: query.entityType,
        entityId: query.entityId,
        action: query.action,
        from: query.from,
        to: query.to,
        before: query.cursor,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actor_id,
        actorEmail: e.actor_email,
        action: e.action,
        entityType: e.entity_type,
        entityId: e.entity_id,
        ip: e.ip,
        requestId: e.request_id,
        changes: e.changes,
        meta: e.meta,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }
}
