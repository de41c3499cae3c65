import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MailService } from './mail.service';

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
      `SELECT count(*)::int AS n FROM notification
        WHERE emailed_at IS NULL AND created_at > now() - make_interval(hours => $1)`,
      [MailOutboxService.maxAgeHours],
    );
    return row?.n ?? 0;
  }

  async run(limit = 200): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
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
