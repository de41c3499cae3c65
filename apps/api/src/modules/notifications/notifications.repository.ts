import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import type { NotificationKind } from './dto/notification.dto';

/** A notification as the bell shows it (the id as text: it is a bigint). */
export type NotificationRow = Omit<
  Row<'notification', 'case_id' | 'title' | 'body' | 'read_at' | 'created_at'>,
  never
> & { id: string; kind: NotificationKind };

/** A notification waiting to be mailed, with its recipient's address. */
export type PendingNotification = { id: string } & Row<
  'notification',
  'title' | 'body' | 'case_id'
> &
  Row<'app_user', 'email'>;

export type PendingExternal = { id: string } & Row<
  'outbound_mail',
  | 'to_address'
  | 'from_address'
  | 'subject'
  | 'body'
  | 'message_id'
  | 'in_reply_to'
  | 'reference_ids'
>;

export type NewOutboundMail = Row<
  'outbound_mail',
  | 'to_address'
  | 'from_address'
  | 'subject'
  | 'body'
  | 'message_id'
  | 'in_reply_to'
  | 'reference_ids'
  | 'case_id'
  | 'kind'
>;

/** The only SQL on notification and outbound_mail. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts one row per active user; a repeated dedupe key is skipped. Answers the new ids. */
  async insert(
    db: EntityManager,
    userIds: string[],
    n: { kind: string; caseId: string | null; title: string; body: string; dedupeKey: string },
  ): Promise<number> {
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO notification (user_id, kind, case_id, title, body, dedupe_key)
       SELECT u.id, $2, $3, $4, $5, $6 FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.active
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [userIds, n.kind, n.caseId, n.title, n.body, n.dedupeKey],
    );
    return rows.length;
  }

  latest(userId: string, limit: number): Promise<NotificationRow[]> {
    return this.dataSource.query<NotificationRow[]>(
      `SELECT id::text, kind, case_id, title, body, read_at, created_at FROM notification
        WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  async unread(userId: string): Promise<number> {
    const [{ unread } = { unread: 0 }] = await this.dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return unread;
  }

  async markRead(id: string, userId: string): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1::bigint AND user_id = $2`,
      [id, userId],
    );
    return affected;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
  }

  async enqueueExternal(db: EntityManager, mail: NewOutboundMail): Promise<void> {
    await db.query(
      `INSERT INTO outbound_mail (to_address, from_address, subject, body, message_id, in_reply_to,
         reference_ids, case_id, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        mail.to_address,
        mail.from_address,
        mail.subject,
        mail.body,
        mail.message_id,
        mail.in_reply_to,
        mail.reference_ids,
        mail.case_id,
        mail.kind,
      ],
    );
  }

  /** Unmailed notifications younger than `maxAgeHours` plus outside mail still to be tried. */
  async backlog(maxAgeHours: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM notification
                WHERE emailed_at IS NULL AND created_at > now() - make_interval(hours => $1))
            + (SELECT count(*) FROM outbound_mail WHERE sent_at IS NULL AND attempts < 10) AS n`,
      [maxAgeHours],
    );
    return Number(row?.n ?? 0);
  }

  /** The next outside mail to send, locked (skipping what another instance holds). */
  async nextExternal(db: EntityManager): Promise<PendingExternal | null> {
    const [next] = await db.query<PendingExternal[]>(
      `SELECT id::text, to_address, from_address, subject, body, message_id, in_reply_to, reference_ids
         FROM outbound_mail WHERE sent_at IS NULL AND attempts < 10
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return next ?? null;
  }

  async externalFailed(db: EntityManager, id: string, error: string): Promise<void> {
    await db.query(
      `UPDATE outbound_mail SET attempts = attempts + 1, last_error = $2 WHERE id = $1::bigint`,
      [id, error],
    );
  }

  async externalSent(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE outbound_mail SET sent_at = now(), attempts = attempts + 1 WHERE id = $1::bigint`,
      [id],
    );
  }

  /** The next notification to mail, locked (skipping what another instance holds). */
  async nextNotification(
    db: EntityManager,
    maxAgeHours: number,
  ): Promise<PendingNotification | null> {
    const [next] = await db.query<PendingNotification[]>(
      `SELECT n.id::text, u.email, n.title, n.body, n.case_id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.emailed_at IS NULL AND n.created_at > now() - make_interval(hours => $1)
        ORDER BY n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
      [maxAgeHours],
    );
    return next ?? null;
  }

  async notificationMailed(db: EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE notification SET emailed_at = now() WHERE id = $1::bigint`, [id]);
  }
}
