import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { encryptSecret } from '../../common/auth/secrets';
import { AppError, validationError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuditService } from '../audit/audit.service';
import { DesksService } from '../desks/desks.service';
import type { CreateMailboxDto, MailboxDto, UpdateMailboxDto } from './dto/mailbox.dto';
import { type MailboxFields, MailRepository, type MailboxRow } from './mail.repository';
import { DEFAULT_ACK_TEMPLATE_EN, DEFAULT_ACK_TEMPLATE_JA } from './mail-templates';

interface PollStatus {
  pollingBy: string | null;
  messageCounts: { created: number; appended: number; ignored: number };
}
const NOT_POLLED: PollStatus = {
  pollingBy: null,
  messageCounts: { created: 0, appended: 0, ignored: 0 },
};

export const toMailboxDto = (row: MailboxRow, status: PollStatus = NOT_POLLED): MailboxDto => ({
  id: row.id,
  deskId: row.desk_id,
  address: row.address,
  displayName: row.display_name,
  imapHost: row.imap_host,
  imapPort: row.imap_port,
  imapTls: row.imap_tls,
  imapUser: row.imap_user,
  imapPasswordSet: row.imap_password_sealed !== null,
  smtpHost: row.smtp_host,
  smtpPort: row.smtp_port,
  smtpTls: row.smtp_tls,
  smtpUser: row.smtp_user,
  smtpPasswordSet: row.smtp_password_sealed !== null,
  signature: row.signature,
  ackLanguage: row.ack_language as 'ja' | 'en',
  ackTemplateJa: row.ack_template_ja,
  ackTemplateEn: row.ack_template_en,
  ackMaxPerHour: row.ack_max_per_hour,
  reopenWithinDays: row.reopen_within_days,
  maxMessageBytes: row.max_message_bytes,
  maxMailboxBytes: Number(row.max_mailbox_bytes),
  active: row.active,
  lastPolledAt: row.last_polled_at?.toISOString() ?? null,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at?.toISOString() ?? null,
  ...status,
  version: row.version,
});

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'driverError' in error &&
  (error as { driverError: { code?: string } }).driverError.code === '23505';

/** Mailboxes (admin): where a desk's mail arrives and how it is answered. */
@Injectable()
export class MailboxesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: MailRepository,
    private readonly audit: AuditService,
    private readonly desks: DesksService,
  ) {}

  async list(): Promise<MailboxDto[]> {
    const db = this.dataSource.manager;
    const rows = await this.repository.listMailboxes(db);
    const holders = await this.repository.pollHolders(db);
    const counts = await this.repository.messageCounts(db);
    return rows.map((row) =>
      toMailboxDto(row, {
        pollingBy: holders.get(row.id) ?? null,
        messageCounts: counts.get(row.id) ?? NOT_POLLED.messageCounts,
      }),
    );
  }

  async create(dto: CreateMailboxDto, actor: ActorContext): Promise<MailboxDto> {
    return this.dataSource.transaction(async (db) => {
      await this.assertDesk(dto.deskId);
      const row = await this.repository
        .insertMailbox(db, {
          ...this.fields(dto),
          ack_template_ja: dto.ackTemplateJa ?? DEFAULT_ACK_TEMPLATE_JA,
          ack_template_en: dto.ackTemplateEn ?? DEFAULT_ACK_TEMPLATE_EN,
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? this.addressTaken() : error;
        });
      await this.audit.record(
        actor,
        { action: 'mailbox.created', entityType: 'mailbox', entityId: row.id },
        db,
      );
      return toMailboxDto(row);
    });
  }

  async update(id: string, dto: UpdateMailboxDto, actor: ActorContext): Promise<MailboxDto> {
    return this.dataSource.transaction(async (db) => {
      const before = await this.repository.findMailbox(db, id);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such mailbox.');
      }
      if (dto.deskId) {
        await this.assertDesk(dto.deskId);
      }
      const row = await this.repository
        .updateMailbox(db, id, dto.version, this.fields(dto))
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? this.addressTaken() : error;
        });
      if (!row) {
        throw new AppError(
          'MAILBOX_VERSION_CONFLICT',
          'The mailbox was changed meanwhile; reload it.',
          undefined,
          { currentVersion: before.version },
        );
      }
      // Passwords are audited as changed, never with their values.
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await this.audit.record(
        actor,
        { action: 'mailbox.updated', entityType: 'mailbox', entityId: id, meta: { changed } },
        db,
      );
      return toMailboxDto(row);
    });
  }

  private fields(dto: Partial<CreateMailboxDto>): MailboxFields {
    const seal = (plain: string | undefined): string | undefined =>
      plain === undefined ? undefined : encryptSecret(plain, this.settings.appSecret);
    return {
      desk_id: dto.deskId,
      address: dto.address?.toLowerCase(),
      display_name: dto.displayName,
      imap_host: dto.imapHost,
      imap_port: dto.imapPort,
      imap_tls: dto.imapTls,
      imap_user: dto.imapUser,
      imap_password_sealed: seal(dto.imapPassword),
      smtp_host: dto.smtpHost,
      smtp_port: dto.smtpPort,
      smtp_tls: dto.smtpTls,
      smtp_user: dto.smtpUser,
      smtp_password_sealed: seal(dto.smtpPassword),
      signature: dto.signature,
      ack_language: dto.ackLanguage,
      ack_template_ja: dto.ackTemplateJa,
      ack_template_en: dto.ackTemplateEn,
      ack_max_per_hour: dto.ackMaxPerHour,
      reopen_within_days: dto.reopenWithinDays,
      max_message_bytes: dto.maxMessageBytes,
      max_mailbox_bytes:
        dto.maxMailboxBytes === undefined ? undefined : String(dto.maxMailboxBytes),
      active: dto.active,
    };
  }

  private async assertDesk(deskId: string): Promise<void> {
    await this.desks.get(deskId).catch(() => {
      throw validationError('deskId', 'is not a known desk');
    });
  }

  private addressTaken(): AppError {
    return new AppError('MAILBOX_ADDRESS_TAKEN', 'Another mailbox has this address.', [
      { field: 'address', message: 'is already a mailbox' },
    ]);
  }
}
