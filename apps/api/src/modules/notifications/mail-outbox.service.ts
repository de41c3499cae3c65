import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MailService } from './mail.service';
import { NotificationsRepository } from './notifications.repository';

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
    private readonly repository: NotificationsRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * Queues mail to an outside address inside the caller's transaction: it is sent only if that
   * commits, by the same outbox job as notification mail.
   */
  async enqueueExternal(db: EntityManager, mail: ExternalMail): Promise<void> {
    await this.repository.enqueueExternal(db, {
      to_address: mail.to,
      from_address: mail.from ?? this.mail.defaultFrom,
      subject: mail.subject,
      body: mail.body,
      message_id:
        mail.messageId ?? `${randomUUID()}@${this.mail.defaultFrom.split('@')[1] ?? 'madoguchi'}`,
      in_reply_to: mail.inReplyTo ?? null,
      reference_ids: mail.references ?? [],
      case_id: mail.caseId ?? null,
      kind: mail.kind,
    });
  }

  /** Mail waiting to be sent: notifications and outside mail (0 when mail is off). */
  async backlog(): Promise<number> {
    if (!this.mail.enabled) {
      return 0;
    }
    return this.repository.backlog(MailOutboxService.maxAgeHours);
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
        const next = await this.repository.nextExternal(db);
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
          await this.repository.externalFailed(
            db,
            next.id,
            error instanceof Error ? error.message.slice(0, 2000) : String(error),
          );
          // The server refused or is down: try again on the next tick, not in a tight loop.
          return false;
        }
        await this.repository.externalSent(db, next.id);
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
        const next = await this.repository.nextNotification(db, MailOutboxService.maxAgeHours);
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
        await this.repository.notificationMailed(db, next.id);
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
