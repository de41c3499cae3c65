import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AuditEventEntity } from './audit-event.entity';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .limit(limit + 1);
    // A regional desk's manager sees what that desk's staff did, not the whole country.
    if (principal.role === 'manager' && principal.deskId && principal.deskId !== NATIONAL_DESK_ID) {
      qb.andWhere('e.actorId IN (SELECT u.id FROM app_user u WHERE u.desk_id = :deskId)', {
        deskId: principal.deskId,
      });
    }
    if (query.actorEmail) {
      // Through the account, so the actor index answers; app_user is read, never written.
      qb.andWhere(
        'e.actorId IN (SELECT u.id FROM app_user u WHERE lower(u.email) = lower(:email))',
        {
          email: query.actorEmail,
        },
      );
    }
    if (query.actorId) {
      qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    }
    if (query.entityType) {
      qb.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    }
    if (query.entityId) {
      qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    }
    if (query.action?.endsWith('.')) {
      // The DTO allows only [a-z_.], so the prefix carries no LIKE wildcard but `_`.
      qb.andWhere(`e.action LIKE :prefix ESCAPE '\\'`, {
        prefix: `${query.action.replace(/_/g, '\\_')}%`,
      });
    } else if (query.action) {
      qb.andWhere('e.action = :action', { action: query.action });
    }
    if (query.from) {
      qb.andWhere('e.at >= :from', { from: query.from });
    }
    if (query.to) {
      qb.andWhere('e.at < :to', { to: query.to });
    }
    if (query.cursor) {
      qb.andWhere('e.id < :cursor', { cursor: query.cursor });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorEmail: e.actorEmail,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        ip: e.ip,
        requestId: e.requestId,
        changes: e.changes,
        meta: e.meta,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }
}
