import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import { MailService } from './mail.service';

/** Mail to someone who is not a staff account (an inquirer), queued with the change it reports. */
export interface ExternalMail {
  kind: 'inquiry_received' | 'survey_invitation' | 'survey_reminder';
  to: string;
  subject: string;
  text: string;
  caseId: string | null;
}

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

  /** Notifications waiting to be mailed (0 when mail is off: they stay in-app only). */
  async backlog(): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM notification
                WHERE emailed_at IS NULL AND created_at > now() - make_interval(hours => $1))
            + (SELECT count(*) FROM outbound_mail WHERE sent_at IS NULL) AS n`,
      [MailOutboxService.maxAgeHours],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Queues a mail to an outside address inside the caller's transaction: it is sent only if
   * the change it reports commits, and sent once (the same lock-and-mark as notifications).
   */
  async queueExternal(db: EntityManager, mail: ExternalMail): Promise<void> {
    await db.query(
      `INSERT INTO outbound_mail (kind, to_address, subject, body, case_id) VALUES ($1, $2, $3, $4, $5)`,
      [mail.kind, mail.to, mail.subject, mail.text, mail.caseId],
    );
  }

  async run(limit = 200): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
    const external = await this.runExternal(limit);
    return external + (await this.runNotifications(limit - external));
  }

  private async runExternal(limit: number): Promise<number> {
    let sent = 0;
    while (sent < limit) {
      const done = await this.dataSource.transaction(async (db) => {
        const [next] = await db.query<
          Row<'outbound_mail', 'id' | 'to_address' | 'subject' | 'body'>[]
        >(
          `SELECT id::text AS id, to_address, subject, body FROM outbound_mail
            WHERE sent_at IS NULL AND created_at > now() - make_interval(hours => $1)
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [MailOutboxService.maxAgeHours],
        );
        if (!next) {
          return false;
        }
        await this.mail.send({ to: next.to_address, subject: next.subject, text: next.body });
        await db.query(`UPDATE outbound_mail SET sent_at = now() WHERE id = $1::bigint`, [next.id]);
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
