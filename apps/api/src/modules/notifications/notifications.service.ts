import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import type {
  NotificationDto,
  NotificationKind,
  NotificationListDto,
} from './dto/notification.dto';

export interface NewNotification {
  userIds: string[];
  kind: NotificationKind;
  caseId: string | null;
  title: string;
  body?: string;
  /** The same key for the same user is ignored: jobs may retry or run on two instances. */
  dedupeKey: string;
}

interface Row {
  id: string;
  kind: NotificationKind;
  case_id: string | null;
  title: string;
  body: string;
  read_at: Date | null;
  created_at: Date;
}

/**
 * In-app notifications (the bell), written in the same transaction as what caused them.
 * Emails go out from the same rows through the mail outbox job, so a notification is mailed
 * once even when the cause is retried or found by two instances at once.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Answers how many notifications were new (not deduplicated away). */
  async notify(db: EntityManager, n: NewNotification): Promise<number> {
    if (n.userIds.length === 0) {
      return 0;
    }
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO notification (user_id, kind, case_id, title, body, dedupe_key)
       SELECT u.id, $2, $3, $4, $5, $6 FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.active
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [
        n.userIds,
        n.kind,
        n.caseId,
        n.title.slice(0, 200),
        (n.body ?? '').slice(0, 2000),
        n.dedupeKey,
      ],
    );
    return rows.length;
  }

  async list(principal: Principal, limit = 30): Promise<NotificationListDto> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id::text, kind, case_id, title, body, read_at, created_at FROM notification
        WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
      [principal.userId, limit],
    );
    const [{ unread } = { unread: 0 }] = await this.dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [principal.userId],
    );
    return { items: rows.map(toDto), unread };
  }

  async markRead(id: string, principal: Principal): Promise<void> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1::bigint AND user_id = $2`,
      [id, principal.userId],
    );
    if (affected === 0) {
      throw new AppError('NOT_FOUND', 'No such notification.');
    }
  }

  async markAllRead(principal: Principal): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [principal.userId],
    );
  }
}

const toDto = (r: Row): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  caseId: r.case_id,
  title: r.title,
  body: r.body,
  readAt: r.read_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});
