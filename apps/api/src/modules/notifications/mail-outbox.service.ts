import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import { MailService } from './mail.service';

/** Mail to someone outside the staff: an acknowledgement, a web inquiry's receipt, a survey. */
export interface ExternalMail {
  kind:
    | 'acknowledgement'
    | 'inquiry_received'
    | 'survey_invitation'
    | 'survey_reminder'
    | 'survey_resent'
    | 'event_registered'
    | 'event_promoted'
    | 'event_reminder';
  to: string;
  /** Defaults to MAIL_FROM (a mailbox's address for its acknowledgements). */
  from?: string;
  subject: string;
  body: string;
  /** Without brackets; unique. Minted when not given (nothing will thread on it). */
  messageId?: string;
  inReplyTo?: string | null;
  references?: string[];
  caseId?: string | null;
}

type PendingExternal = Row<
  'outbound_mail',
  | 'id'
  | 'to_address'
  | 'from_address'
  | 'subject'
  | 'body'
  | 'message_id'
  | 'in_reply_to'
  | 'reference_ids'
>;

interface Pending {
  id: string;
  email: string;
  title: string;
  body: string;
  case_id: string | null;
}

/**
 * Mails notifications that have not been mailed yet. Each row stays locked while its mail is
 * sent, so two instances never send the same one, and a crash before the commit means the
 * mail is sent again rather than lost (at least once; duplicates only on a crash).
 */
@Injectable()
export class MailOutboxService {
  /** Older unsent notifications are stale news: they stay in-app only. */
  static readonly maxAgeHours = 24;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
  ) {}

  /**
   * Queues mail to an outside address inside the caller's transaction: it is sent only if that
   * commits, by the same outbox job as notification mail.
   */
  async enqueueExternal(db: EntityManager, mail: ExternalMail): Promise<void> {
    await db.query(
      `INSERT INTO outbound_mail (to_address, from_address, subject, body, message_id, in_reply_to,
         reference_ids, case_id, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        mail.to,
        mail.from ?? this.mail.defaultFrom,
        mail.subject,
        mail.body,
        mail.messageId ?? `${randomUUID()}@${this.mail.defaultFrom.split('@')[1] ?? 'madoguchi'}`,
        mail.inReplyTo ?? null,
        mail.references ?? [],
        mail.caseId ?? null,
        mail.kind,
      ],
    );
  }

  /** Mail waiting to be sent: notifications and outside mail (0 when mail is off). */
  async backlog(): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM notification
                WHERE emailed_at IS NULL AND created_at > now() - make_interval(hours => $1))
            + (SELECT count(*) FROM outbound_mail WHERE sent_at IS NULL AND attempts < 10) AS n`,
      [MailOutboxService.maxAgeHours],
    );
    return Number(row?.n ?? 0);
  }

  async run(limit = 200): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
    return (await this.runNotifications(limit)) + (await this.runExternal(limit));
  }

  /** A failed send is counted and retried on the next tick; after 10 attempts it stays unsent. */
  private async runExternal(limit: number): Promise<number> {
    let sent = 0;
    while (sent < limit) {
      const done = await this.dataSource.transaction(async (db) => {
        const [next] = await db.query<(PendingExternal & { id: string })[]>(
          `SELECT id::text, to_address, from_address, subject, body, message_id, in_reply_to, reference_ids
             FROM outbound_mail WHERE sent_at IS NULL AND attempts < 10
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!next) {
          return false;
        }
        try {
          await this.mail.send({
            to: next.to_address,
            from: next.from_address,
            subject: next.subject,
            text: next.body,
            messageId: next.message_id,
            inReplyTo: next.in_reply_to ?? undefined,
            references: next.reference_ids,
          });
        } catch (error) {
          await db.query(
            `UPDATE outbound_mail SET attempts = attempts + 1, last_error = $2 WHERE id = $1::bigint`,
            [next.id, error instanceof Error ? error.message.slice(0, 2000) : String(error)],
          );
          // The server refused or is down: try again on the next tick, not in a tight loop.
          return false;
        }
        await db.query(
          `UPDATE outbound_mail SET sent_at = now(), attempts = attempts + 1 WHERE id = $1::bigint`,
          [next.id],
        );
        return true;
      });
      if (!done) {
        break;
      }
      sent += 1;
    }
    return sent;
  }

  private async runNotifications(limit: number): Promise<number> {
    let sent = 0;
    while (sent < limit) {
      const done = await this.dataSource.transaction(async (db) => {
        const [next] = await db.query<Pending[]>(
          `SELECT n.id::text, u.email, n.title, n.body, n.case_id FROM notification n JOIN app_user u ON u.id = n.user_id
            WHERE n.emailed_at IS NULL AND n.created_at > now() - make_interval(hours => $1)
            ORDER BY n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
          [MailOutboxService.maxAgeHours],
        );
        if (!next) {
          return false;
        }
        await this.mail.send({
          to: next.email,
          subject: `[窓口] ${next.title}`,
          text: [
            next.title,
            '',
            next.body,
            '',
            next.case_id ? this.mail.link(`/cases/${next.case_id}`) : this.mail.link('/'),
          ].join('\n'),
        });
        await db.query(`UPDATE notification SET emailed_at = now() WHERE id = $1::bigint`, [
          next.id,
        ]);
        return true;
      });
      if (!done) {
        break;
      }
      sent += 1;
    }
    return sent;
  }
}
