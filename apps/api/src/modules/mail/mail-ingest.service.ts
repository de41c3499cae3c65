import {
  caseNumberInSubject,
  fillMailTemplate,
  mayAcknowledge,
  referencedMessageIds,
  subjectWithCaseToken,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { CaseTimelineService } from '../cases/case-timeline.service';
import type { MailCaseRef } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { ContactsService } from '../organizations/contacts.service';
import { OrganizationsService } from '../organizations/organizations.service';
import type { IngestResultDto } from './dto/mailbox.dto';
import { type ParsedMail, parseMail } from './mail-parser';
import { type MailboxRow, MailRepository, type NewAttachment } from './mail.repository';
import { ACK_SUBJECT } from './mail-templates';

const MAX_SUBJECT = 200;
const MAX_DESCRIPTION = 20000;
const DAY_MS = 86_400_000;

type Outcome = Omit<IngestResultDto, 'messageId'>;

/** The SLA starts when the mail was sent, not when it was fetched; never in the future. */
const receivedAtOf = (mail: ParsedMail): Date => {
  const now = new Date();
  return mail.date && mail.date < now ? mail.date : now;
};

/**
 * The one pipeline every inbound message goes through, from an MTA (`POST …/messages`) or, later,
 * IMAP: parse, store once per mailbox and Message-ID, then append to the case it belongs to or
 * open a new one and acknowledge it. One transaction: a message is on its case or not at all.
 */
@Injectable()
export class MailIngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MailRepository,
    private readonly cases: CasesService,
    private readonly timeline: CaseTimelineService,
    private readonly contacts: ContactsService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: MailOutboxService,
  ) {}

  async ingest(mailboxId: string, raw: Buffer, actor: ActorContext): Promise<IngestResultDto> {
    const mailbox = await this.repository.findMailbox(this.dataSource.manager, mailboxId);
    if (!mailbox) {
      throw new AppError('NOT_FOUND', 'No such mailbox.');
    }
    if (!mailbox.active) {
      throw new AppError('MAILBOX_INACTIVE', 'This mailbox is switched off.');
    }
    const mail = await parseMail(raw);
    const receivedAt = receivedAtOf(mail);
    // Taking a case number inside the transaction would hold the counter row (every intake
    // queues on it) or need a second pool connection per message; so a mail that will open a
    // case gets its number first, like intake. A race that changes the verdict leaves a gap.
    const reserved = (await this.wouldOpenCase(this.dataSource.manager, mailbox, mail))
      ? await this.cases.reserveCaseNumber(receivedAt)
      : null;
    return this.dataSource.transaction(async (db) => {
      const id = await this.repository.insertInbound(db, {
        mailboxId,
        messageId: mail.messageId,
        raw,
        fromAddress: mail.from?.address ?? '',
        fromName: mail.from?.name ?? '',
        to: mail.to.map((a) => a.address),
        cc: mail.cc.map((a) => a.address),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        sentAt: mail.date,
        inReplyTo: mail.inReplyTo ?? null,
        referenceIds: referencedMessageIds(undefined, mail.references),
        automatedReason: mail.automated,
      });
      if (!id) {
        return this.duplicate(db, mailboxId, mail.messageId);
      }
      await this.repository.insertAttachments(
        db,
        mailboxId,
        id,
        await this.limitedAttachments(db, mailbox, mail),
      );
      const outcome = await this.route(db, mailbox, mail, id, actor, reserved);
      await this.repository.settle(db, id, {
        caseId: outcome.caseId,
        action: outcome.action,
        reason: outcome.reason,
        acknowledged: outcome.acknowledged,
      });
      const { acknowledged: _acknowledged, ...result } = outcome;
      return { ...result, messageId: id };
    });
  }

  /** Whether this mail, as things stand, opens a new case (read-only; decided again inside). */
  private async wouldOpenCase(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
  ): Promise<boolean> {
    if (mail.automated || (await this.repository.findByMessageId(db, mailbox.id, mail.messageId))) {
      return false;
    }
    const thread = await this.thread(db, mailbox, mail);
    return !thread || !this.joins(mailbox, thread.ref);
  }

  /** An open case takes the reply; a resolved one, or one closed recently, is reopened. */
  private joins(mailbox: MailboxRow, ref: MailCaseRef): boolean {
    return (
      ref.status !== 'closed' ||
      (ref.closedAt !== null &&
        Date.now() - ref.closedAt.getTime() <= mailbox.reopen_within_days * DAY_MS)
    );
  }

  private async route(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
    id: string,
    actor: ActorContext,
    reserved: string | null,
  ): Promise<Outcome & { acknowledged: boolean }> {
    // Machine mail never opens a case and is never answered: that is how mail loops start.
    if (mail.automated) {
      return {
        action: 'ignored',
        caseId: null,
        caseNumber: null,
        reason: mail.automated,
        acknowledged: false,
      };
    }
    const thread = await this.thread(db, mailbox, mail);
    if (thread) {
      const { ref, reason } = thread;
      if (this.joins(mailbox, ref)) {
        if (ref.status === 'closed' || ref.status === 'resolved') {
          await this.cases.reopenForMail(db, ref, mail.subject.slice(0, 2000), actor);
        }
        await this.timeline.append(db, {
          caseId: ref.id,
          kind: 'email_in',
          actorId: null,
          body: mail.text.slice(0, MAX_DESCRIPTION),
          data: {
            mailMessageId: id,
            subject: mail.subject,
            from: mail.from?.address ?? '',
            threadedBy: reason,
          },
        });
        return {
          action: 'appended',
          caseId: ref.id,
          caseNumber: ref.number,
          reason: ref.status === 'closed' || ref.status === 'resolved' ? 'REOPENED' : reason,
          acknowledged: false,
        };
      }
      // Closed too long ago: a new case, which remembers the old one on its timeline (the case
      // model has no link between cases yet).
      return this.newCase(db, mailbox, mail, id, actor, reserved, ref.id);
    }
    return this.newCase(db, mailbox, mail, id, actor, reserved);
  }

  /** By the messages it replies to first, then by the case number token in its subject. */
  private async thread(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
  ): Promise<{ ref: MailCaseRef; reason: string } | null> {
    const caseId = await this.repository.caseOfReferences(
      db,
      mailbox.id,
      referencedMessageIds(mail.inReplyTo, mail.references),
    );
    if (caseId) {
      const ref = await this.cases.findForMail(db, { id: caseId });
      if (ref) {
        return { ref, reason: 'THREADED_BY_HEADERS' };
      }
    }
    const number = caseNumberInSubject(mail.subject);
    if (number) {
      const ref = await this.cases.findForMail(db, { number });
      if (ref) {
        return { ref, reason: 'THREADED_BY_CASE_NUMBER' };
      }
    }
    return null;
  }

  private async newCase(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
    id: string,
    actor: ActorContext,
    reserved: string | null,
    previousCaseId?: string,
  ): Promise<Outcome & { acknowledged: boolean }> {
    const sender = await this.sender(db, mailbox, mail, actor);
    const receivedAt = receivedAtOf(mail);
    const created = await this.cases.intakeFromMail(
      db,
      {
        deskId: mailbox.desk_id,
        organizationId: sender.organizationId,
        contactId: sender.contactId,
        subject: (mail.subject || '（件名なし）').slice(0, MAX_SUBJECT),
        description: mail.text.slice(0, MAX_DESCRIPTION),
        receivedAt,
        number: reserved ?? (await this.cases.reserveCaseNumber(receivedAt, db)),
        mailMessageId: id,
        previousCaseId,
      },
      actor,
    );
    const address = mail.from?.address;
    if (!address) {
      return {
        action: 'created',
        caseId: created.id,
        caseNumber: created.number,
        reason: null,
        acknowledged: false,
      };
    }
    const sent = await this.repository.acknowledgementsInLastHour(db, mailbox.id, address);
    if (!mayAcknowledge(sent, mailbox.ack_max_per_hour)) {
      return {
        action: 'created',
        caseId: created.id,
        caseNumber: created.number,
        reason: 'ACK_RATE_LIMITED',
        acknowledged: false,
      };
    }
    await this.acknowledge(db, mailbox, mail, address, created);
    return {
      action: 'created',
      caseId: created.id,
      caseNumber: created.number,
      reason: null,
      acknowledged: true,
    };
  }

  /** The acknowledgement, queued in the outbox with this transaction, kept on the case. */
  private async acknowledge(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
    address: string,
    created: { id: string; number: string },
  ): Promise<void> {
    const language = mailbox.ack_language === 'en' ? 'en' : 'ja';
    const template = language === 'en' ? mailbox.ack_template_en : mailbox.ack_template_ja;
    const body = fillMailTemplate(template, {
      name: mail.from?.name || address,
      caseNumber: created.number,
      subject: mail.subject,
      signature: mailbox.signature,
    }).trim();
    const subject = subjectWithCaseToken(
      created.number,
      `${ACK_SUBJECT[language]}: ${mail.subject}`,
    );
    const domain = mailbox.address.split('@')[1] ?? 'localhost';
    const messageId = `ack.${randomUUID()}@${domain}`;
    const inReplyTo = mail.messageId.startsWith('sha256:') ? null : mail.messageId;
    await this.outbox.enqueueExternal(db, {
      kind: 'acknowledgement',
      to: address,
      from: mailbox.display_name
        ? `"${mailbox.display_name.replace(/"/g, '')}" <${mailbox.address}>`
        : mailbox.address,
      subject,
      body,
      messageId,
      inReplyTo,
      references: inReplyTo ? [inReplyTo] : [],
      caseId: created.id,
    });
    const outId = await this.repository.insertOutbound(db, {
      mailboxId: mailbox.id,
      messageId,
      from: mailbox.address,
      to: address,
      subject,
      text: body,
      inReplyTo,
      caseId: created.id,
    });
    await this.timeline.append(db, {
      caseId: created.id,
      kind: 'email_out',
      actorId: null,
      body,
      data: { mailMessageId: outId, subject, to: address, acknowledgement: true },
    });
  }

  /**
   * The sender as a contact: an existing one by exact address, else a new contact on the
   * mailbox's intake organization ("sender not yet identified"), from which staff move the case.
   */
  private async sender(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
    actor: ActorContext,
  ): Promise<{ organizationId: string; contactId: string | null }> {
    const address = mail.from?.address.toLowerCase();
    if (address) {
      const known = await this.contacts.findByEmail(db, address);
      if (known) {
        return { organizationId: known.organizationId, contactId: known.id };
      }
    }
    const organizationId = await this.intakeOrganization(db, mailbox, actor);
    if (!address || address.length > 254) {
      return { organizationId, contactId: null };
    }
    const contact = await this.contacts.insert(
      db,
      organizationId,
      { name: (mail.from?.name || address).slice(0, 100), email: address },
      actor,
    );
    return { organizationId, contactId: contact.id };
  }

  private async intakeOrganization(
    db: EntityManager,
    mailbox: MailboxRow,
    actor: ActorContext,
  ): Promise<string> {
    if (mailbox.intake_organization_id) {
      return mailbox.intake_organization_id;
    }
    // Two first messages at once: the row lock makes one create it and the other reuse it.
    const locked = await this.repository.findMailbox(db, mailbox.id, true);
    if (locked?.intake_organization_id) {
      return locked.intake_organization_id;
    }
    const organization = await this.organizations.insert(
      db,
      {
        name: `メール受付・差出人未確認（${mailbox.address}）`,
        duplicateOverrideReason: 'Holds mail from senders who are not yet a known contact.',
      },
      actor,
    );
    await this.repository.setIntakeOrganization(db, mailbox.id, organization.id);
    return organization.id;
  }

  /**
   * Attachments within the message's and the mailbox's limits are kept; over them, only their
   * name and size. Executables and archives with executables are kept in quarantine.
   */
  private async limitedAttachments(
    db: EntityManager,
    mailbox: MailboxRow,
    mail: ParsedMail,
  ): Promise<NewAttachment[]> {
    let mailboxBytes = await this.repository.mailboxAttachmentBytes(db, mailbox.id);
    const mailboxLimit = Number(mailbox.max_mailbox_bytes);
    let messageBytes = 0;
    return mail.attachments.map((a) => {
      const base = {
        filename: a.filename.slice(0, 255),
        declaredType: a.declaredType,
        sniffedType: a.sniffedType,
        size: a.size,
      };
      if (messageBytes + a.size > mailbox.max_message_bytes) {
        return { ...base, status: 'too_large', statusReason: 'MESSAGE_LIMIT', content: null };
      }
      if (mailboxBytes + a.size > mailboxLimit) {
        return { ...base, status: 'too_large', statusReason: 'MAILBOX_LIMIT', content: null };
      }
      messageBytes += a.size;
      mailboxBytes += a.size;
      return a.quarantined
        ? { ...base, status: 'quarantined', statusReason: a.quarantineReason, content: a.content }
        : { ...base, status: 'stored', statusReason: null, content: a.content };
    });
  }

  private async duplicate(
    db: EntityManager,
    mailboxId: string,
    messageId: string,
  ): Promise<IngestResultDto> {
    const existing = await this.repository.findByMessageId(db, mailboxId, messageId);
    const ref = existing?.case_id
      ? await this.cases.findForMail(db, { id: existing.case_id })
      : null;
    return {
      action: 'ignored',
      caseId: ref?.id ?? null,
      caseNumber: ref?.number ?? null,
      reason: 'DUPLICATE',
      messageId: existing!.id,
    };
  }
}
