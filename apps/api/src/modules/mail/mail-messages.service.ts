import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { CasesService } from '../cases/cases.service';
import type { MailAttachmentDto, MailMessageDto } from './dto/mailbox.dto';
import { MailRepository } from './mail.repository';

/** A case's mail as staff read it: only for those who may see the case. */
@Injectable()
export class MailMessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MailRepository,
    private readonly cases: CasesService,
  ) {}

  async ofCase(caseId: string, principal: Principal): Promise<MailMessageDto[]> {
    const db = this.dataSource.manager;
    await this.cases.findScoped(caseId, principal, db);
    const messages = await this.repository.messagesOfCase(db, caseId);
    const attachments = await this.repository.attachmentsOf(
      db,
      messages.map((m) => m.id),
    );
    return messages.map((m) => ({
      id: m.id,
      direction: m.direction as 'in' | 'out',
      fromAddress: m.from_address,
      fromName: m.from_name,
      to: m.to_addresses,
      subject: m.subject,
      text: m.body_text,
      html: m.body_html,
      sentAt: m.sent_at?.toISOString() ?? null,
      receivedAt: m.received_at.toISOString(),
      cc: m.cc_addresses,
      sendStatus: m.send_status as MailMessageDto['sendStatus'],
      sendAttempts: m.send_attempts,
      sendError: m.send_error,
      attachments: attachments
        .filter((a) => a.mail_message_id === m.id)
        .map((a): MailAttachmentDto => ({
          id: a.id,
          filename: a.filename,
          sniffedType: a.sniffed_type,
          size: a.size,
          status: a.status as MailAttachmentDto['status'],
          statusReason: a.status_reason,
        })),
    }));
  }

  /** The bytes of a stored attachment of a case the reader may see; quarantined ones never. */
  async attachment(
    id: string,
    principal: Principal,
  ): Promise<{ filename: string; content: Buffer }> {
    const db = this.dataSource.manager;
    const row = await this.repository.attachmentContent(db, id);
    if (!row?.case_id) {
      throw new AppError('NOT_FOUND', 'No such attachment.');
    }
    await this.cases.findScoped(row.case_id, principal, db);
    if (row.status === 'quarantined') {
      throw new AppError(
        'MAIL_ATTACHMENT_QUARANTINED',
        'This attachment is quarantined (an executable or an archive with one).',
      );
    }
    if (!row.content) {
      throw new AppError('NOT_FOUND', 'This attachment was over the size limit and was not kept.');
    }
    return { filename: row.filename, content: row.content };
  }
}
