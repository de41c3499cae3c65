import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import type {
  NotificationDto,
  NotificationKind,
  NotificationListDto,
} from './dto/notification.dto';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';

export interface NewNotification {
  userIds: string[];
  kind: NotificationKind;
  caseId: string | null;
  title: string;
  body?: string;
  /** The same key for the same user is ignored: jobs may retry or run on two instances. */
  dedupeKey: string;
}

/**
 * In-app notifications (the bell), written in the same transaction as what caused them.
 * Emails go out from the same rows through the mail outbox job, so a notification is mailed
 * once even when the cause is retried or found by two instances at once.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  /** Answers how many notifications were new (not deduplicated away). */
  async notify(db: EntityManager, n: NewNotification): Promise<number> {
    if (n.userIds.length === 0) {
      return 0;
    }
    return this.notifications.insert(db, n.userIds, {
      kind: n.kind,
      caseId: n.caseId,
      title: n.title.slice(0, 200),
      body: (n.body ?? '').slice(0, 2000),
      dedupeKey: n.dedupeKey,
    });
  }

  async list(principal: Principal, limit = 30): Promise<NotificationListDto> {
    const rows = await this.notifications.latest(principal.userId, limit);
    const unread = await this.notifications.unread(principal.userId);
    return { items: rows.map(toDto), unread };
  }

  async markRead(id: string, principal: Principal): Promise<void> {
    const affected = await this.notifications.markRead(id, principal.userId);
    if (affected === 0) {
      throw new AppError('NOT_FOUND', 'No such notification.');
    }
  }

  async markAllRead(principal: Principal): Promise<void> {
    await this.notifications.markAllRead(principal.userId);
  }
}

const toDto = (r: NotificationRow): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  caseId: r.case_id,
  title: r.title,
  body: r.body,
  readAt: r.read_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});
