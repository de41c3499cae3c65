import { replyRetryDelaySeconds, replyThreading, subjectWithCaseToken } from '@madoguchi/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport } from 'nodemailer';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { decryptSecret } from '../../common/auth/secrets';
import { AppError, validationError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuditService } from '../audit/audit.service';
import { CaseTimelineService } from '../cases/case-timeline.service';
import { CasesService } from '../cases/cases.service';
import type { CreateReplyDto, ReplyDraftDto } from './dto/reply.dto';
import type { MailMessageDto } from './dto/mailbox.dto';
import { sniffAttachment } from './attachment-sniff';
import { MailMessagesService } from './mail-messages.service';
import {
  type DueReply,
  type MailboxRow,
  MailRepository,
  type NewAttachment,
} from './mail.repository';

const fromHeader = (mailbox: MailboxRow): string =>
  mailbox.display_name
    ? `"${mailbox.display_name.replace(/["\\]/g, '')}" <${mailbox.address}>`
    : mailbox.address;

/**
 * Replies written on a case: stored as the case's outgoing mail at once, sent by a job through
 * the mailbox's own SMTP server with the case token in the subject and the threading headers of
 * the mail it answers. A refused send is retried with backoff and its state shown on the case;
 * only a reply the server accepted is on the timeline and stops the first-response clock.
 */
@Injectable()
export class MailRepliesService {
  private readonly logger = new Logger(MailRepliesService.name);
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: MailRepository,
    private readonly cases: CasesService,
    private readonly timeline: CaseTimelineService,
    private readonly messages: MailMessagesService,
    private readonly audit: AuditService,
  ) {}

  /** What the composer starts from: the mailbox, its signature, whom and what it answers. */
  async draft(caseId: string, actor: ActorContext): Promise<ReplyDraftDto> {
    const db = this.dataSource.manager;
    const row = await this.cases.findScoped(caseId, actor.principal!, db);
    const mailbox = await this.repository.replyMailbox(db, caseId, row.desk_id);
    const latest = await this.repository.latestInbound(db, caseId);
    const subject = latest?.subject || row.subject;
    return {
      from: mailbox?.address ?? null,
      signature: mailbox?.signature ?? '',
      to: latest?.from_address ? [latest.from_address] : [],
      subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
      quoted: latest
        ? {
            fromAddress: latest.from_address,
            fromName: latest.from_name,
            sentAt: (latest.sent_at ?? latest.received_at).toISOString(),
            text: latest.body_text,
          }
        : null,
    };
  }

  async create(caseId: string, dto: CreateReplyDto, actor: ActorContext): Promise<MailMessageDto> {
    const principal = actor.principal!;
    const id = await this.dataSource.transaction(async (db) => {
      const row = await this.cases.findScoped(caseId, principal, db, 'change');
      const mailbox = await this.repository.replyMailbox(db, caseId, row.desk_id);
      if (!mailbox) {
        throw new AppError(
          'MAIL_REPLY_NO_MAILBOX',
          "The case's desk has no active mailbox with SMTP settings to reply from.",
        );
      }
      const files = await this.attachments(dto, mailbox);
      const parent = await this.repository.latestInbound(db, caseId);
      const threading = replyThreading(
        parent ? { messageId: parent.message_id, references: parent.reference_ids } : null,
      );
      const domain = mailbox.address.split('@')[1] ?? 'localhost';
      const replyId = await this.repository.insertReply(db, {
        mailboxId: mailbox.id,
        messageId: `reply.${randomUUID()}@${domain}`,
        from: mailbox.address,
        to: dto.to.map((a) => a.toLowerCase()),
        cc: (dto.cc ?? []).map((a) => a.toLowerCase()),
        subject: subjectWithCaseToken(row.number, dto.subject.trim()),
        text: dto.body,
        inReplyTo: threading.inReplyTo,
        references: threading.references,
        caseId,
        authorId: principal.userId,
      });
      await this.repository.insertAttachments(db, mailbox.id, replyId, files);
      await this.audit.record(
        actor,
        { action: 'case.mail_reply_queued', entityType: 'case', entityId: caseId },
        db,
      );
      return replyId;
    });
    // Sent right away on this instance; the job's tick takes whatever this one could not.
    this.kick();
    const messages = await this.messages.ofCase(caseId, principal);
    return messages.find((m) => m.id === id)!;
  }

  /**
   * The reply's files, typed from their bytes. Executables (and archives holding one) are refused
   * as they would be quarantined coming in; the total stays within the mailbox's message limit.
   */
  private async attachments(dto: CreateReplyDto, mailbox: MailboxRow): Promise<NewAttachment[]> {
    const files: NewAttachment[] = [];
    let total = 0;
    for (const [i, file] of (dto.attachments ?? []).entries()) {
      const content = Buffer.from(file.contentBase64, 'base64');
      const sniffed = await sniffAttachment(content, file.filename);
      if (sniffed.quarantined) {
        throw validationError(`attachments.${i}`, 'must not be an executable');
      }
      total += content.length;
      if (total > mailbox.max_message_bytes) {
        throw validationError(`attachments.${i}`, "is over the mailbox's message size limit");
      }
      files.push({
        filename: file.filename,
        declaredType: sniffed.sniffedType,
        sniffedType: sniffed.sniffedType,
        size: content.length,
        status: 'stored',
        statusReason: null,
        content,
      });
    }
    return files;
  }

  /** A failed reply, sent again (staff asked after fixing the cause). */
  async retry(caseId: string, messageId: string, actor: ActorContext): Promise<MailMessageDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      await this.cases.findScoped(caseId, principal, db, 'change');
      if (!(await this.repository.requeueReply(db, messageId, caseId))) {
        throw new AppError('NOT_FOUND', 'No failed reply with this id on the case.');
      }
    });
    this.kick();
    const messages = await this.messages.ofCase(caseId, principal);
    return messages.find((m) => m.id === messageId)!;
  }

  /**
   * Sends every reply that is due; one run at a time per instance (a reply queued during a run
   * makes it go round once more). Returns how many went out.
   */
  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      do {
        this.again = false;
        sent += await this.sendDue();
      } while (this.again);
      return sent;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private kick(): void {
    void this.run().catch((error: unknown) =>
      this.logger.error(
        `sending replies: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  private async sendDue(limit = 100): Promise<number> {
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const outcome = await this.dataSource.transaction(async (db) => {
        const reply = await this.repository.nextDueReply(db);
        if (!reply) {
          return 'none';
        }
        const mailbox = await this.repository.findMailbox(db, reply.mailbox_id);
        const files = await this.repository.replyAttachments(db, reply.id);
        try {
          await this.send(mailbox!, reply, files);
        } catch (error) {
          const attempts = reply.send_attempts + 1;
          const message = error instanceof Error ? error.message : String(error);
          await this.repository.markReplyRefused(
            db,
            reply.id,
            message,
            attempts >= this.settings.mail.replyMaxAttempts
              ? null
              : replyRetryDelaySeconds(attempts),
          );
          return 'refused';
        }
        // Accepted: only now is the case answered, in the same transaction as the sent state.
        await this.repository.markReplySent(db, reply.id);
        await this.timeline.append(db, {
          caseId: reply.case_id!,
          kind: 'email_out',
          actorId: reply.author_id,
          body: reply.body_text,
          data: { mailMessageId: reply.id, subject: reply.subject, to: reply.to_addresses },
        });
        await this.cases.recordMailAnswer(db, reply.case_id!);
        return 'sent';
      });
      if (outcome === 'none') {
        break;
      }
      if (outcome === 'sent') {
        sent += 1;
      }
    }
    return sent;
  }

  private async send(
    mailbox: MailboxRow,
    reply: DueReply,
    files: { filename: string; sniffed_type: string; content: Buffer | null }[],
  ): Promise<void> {
    if (!mailbox.smtp_host) {
      throw new Error('The mailbox has no SMTP server.');
    }
    const port = mailbox.smtp_port ?? (mailbox.smtp_tls ? 465 : 25);
    const transport = createTransport({
      host: mailbox.smtp_host,
      port,
      // TLS from the first byte on 465; elsewhere STARTTLS, required when TLS is asked for.
      secure: mailbox.smtp_tls && port === 465,
      requireTLS: mailbox.smtp_tls && port !== 465,
      ...(mailbox.smtp_user
        ? {
            auth: {
              user: mailbox.smtp_user,
              pass: mailbox.smtp_password_sealed
                ? decryptSecret(mailbox.smtp_password_sealed, this.settings.appSecret)
                : '',
            },
          }
        : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    try {
      await transport.sendMail({
        from: fromHeader(mailbox),
        to: reply.to_addresses,
        cc: reply.cc_addresses.length ? reply.cc_addresses : undefined,
        subject: reply.subject,
        text: reply.body_text,
        messageId: `<${reply.message_id}>`,
        ...(reply.in_reply_to ? { inReplyTo: `<${reply.in_reply_to}>` } : {}),
        ...(reply.reference_ids.length
          ? { references: reply.reference_ids.map((r) => `<${r}>`) }
          : {}),
        attachments: files.map((f) => ({
          filename: f.filename,
          content: f.content ?? Buffer.alloc(0),
          contentType: f.sniffed_type,
        })),
      });
    } finally {
      transport.close();
    }
  }
}
