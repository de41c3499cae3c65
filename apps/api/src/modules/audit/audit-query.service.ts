import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    if (query.actorId) {
      qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    }
    if (query.entityType) {
      qb.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    }
    if (query.entityId) {
      qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    }
    if (query.action) {
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
