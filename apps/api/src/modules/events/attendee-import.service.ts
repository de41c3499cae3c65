import {
  type AttendeeMapping,
  type AttendeeRow,
  autoMapAttendeeHeaders,
  parseAttendeeRecord,
} from '@madoguchi/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { withSavepoint } from '../../database/savepoint';
import { AuditService } from '../audit/audit.service';
import { ContactsService } from '../organizations/contacts.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { readAttendeeFile } from './attendee-file';
import type {
  AttendeeImportResultDto,
  ImportAttendeesDto,
  ImportRowDto,
} from './dto/attendee-import.dto';
import { EventsRepository, type NewRegistration } from './events.repository';
import { EventsService } from './events.service';

// Japanese words for the rejected rows' file, which goes back to staff and partners as is.
const REASON_TEXT: Record<string, string> = {
  organization_name_missing: '会社名がありません',
  name_missing: '氏名がありません',
  contact_missing: '電話番号もメールアドレスもありません',
  email_invalid: 'メールアドレスの形式が正しくありません',
  phone_invalid: '電話番号が正しくありません',
  corporate_number_invalid: '法人番号が正しくありません',
  employees_invalid: '従業員数が数値ではありません',
  value_too_long: '長すぎる値があります',
  duplicate_in_file: 'ファイル内で同じメールアドレスが重複しています',
  already_registered: 'このイベントに登録済みです',
  organization_conflict: '既存の団体と競合しました',
  row_failed: '取り込めませんでした',
};

/** Rolls a dry run's transaction back once every row has been decided. */
class DryRunDone extends Error {}

const REQUIRED_FIELDS = ['organizationName', 'name'] as const;

/**
 * Attendee lists into registrations. A dry run and a commit take the very same path, row by row
 * inside one transaction; the dry run then rolls it back, so what it shows is what a commit does
 * (as long as nobody changes the organizations in between). Each row runs under a savepoint: a
 * row that fails is rolled back alone and reported, the others go on.
 */
@Injectable()
export class AttendeeImportService {
  private readonly logger = new Logger(AttendeeImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
  ) {}

  async import(
    eventId: string,
    dto: ImportAttendeesDto,
    dryRun: boolean,
    actor: ActorContext,
  ): Promise<AttendeeImportResultDto> {
    await this.events.getManaged(eventId, actor);
    const file = await readAttendeeFile(Buffer.from(dto.contentBase64, 'base64'));
    const mapping: AttendeeMapping = { ...autoMapAttendeeHeaders(file.headers), ...dto.mapping };
    for (const [field, index] of Object.entries(mapping)) {
      if (index !== undefined && index >= file.headers.length) {
        throw validationError(`mapping.${field}`, 'is not a column of the file');
      }
    }
    const unmapped = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
    const rows: ImportRowDto[] = [];
    const run = async (db: EntityManager): Promise<void> => {
      if (unmapped.length > 0) {
        return;
      }
      const seenEmails = new Set<string>();
      for (const record of file.records) {
        rows.push(await this.row(db, eventId, record, mapping, seenEmails, actor));
      }
      if (!dryRun) {
        await this.audit.record(
          actor,
          {
            action: 'event.attendees_imported',
            entityType: 'event',
            entityId: eventId,
            meta: { fileName: dto.fileName, ...totalsOf(rows) },
          },
          db,
        );
      }
      if (dryRun) {
        throw new DryRunDone();
      }
    };
    try {
      await this.dataSource.transaction(run);
    } catch (error) {
      if (!(error instanceof DryRunDone)) {
        throw error;
      }
    }
    const rejected = rows.filter((r) => r.action === 'reject');
    const byLine = new Map(file.records.map((r) => [r.line, r.cells]));
    const rejectedCsv =
      '\uFEFF' +
      stringify([
        [...file.headers, '行', '理由'],
        ...rejected.map((r) => [
          ...file.headers.map((_, i) => byLine.get(r.line)?.[i] ?? ''),
          String(r.line),
          r.reasons.map((code) => REASON_TEXT[code] ?? code).join(' / '),
        ]),
      ]);
    return {
      dryRun,
      format: file.format,
      encoding: file.encoding,
      headers: file.headers,
      mapping,
      unmapped: [...unmapped],
      totals: totalsOf(rows),
      rows,
      rejectedCsv,
    };
  }

  private async row(
    db: EntityManager,
    eventId: string,
    record: { line: number; cells: string[] },
    mapping: AttendeeMapping,
    seenEmails: Set<string>,
    actor: ActorContext,
  ): Promise<ImportRowDto> {
    const parsed = parseAttendeeRecord(record.cells, mapping);
    const cell = (index: number | undefined): string | null =>
      (index === undefined ? '' : (record.cells[index] ?? '')).trim() || null;
    const base: ImportRowDto = {
      line: record.line,
      action: 'reject',
      organizationName: cell(mapping.organizationName),
      name: cell(mapping.name),
      email: cell(mapping.email),
      phone: cell(mapping.phone),
      organizationId: null,
      matchedOrganizationName: null,
      matchedOn: [],
      reasons: [],
      registrationStatus: null,
    };
    if (!parsed.ok) {
      return { ...base, reasons: parsed.reasons };
    }
    const attendee = parsed.row;
    if (attendee.email) {
      if (seenEmails.has(attendee.email)) {
        return { ...base, reasons: ['duplicate_in_file'] };
      }
      seenEmails.add(attendee.email);
    }
    const outcome = await withSavepoint(db, 'attendee_row', () =>
      this.apply(db, eventId, attendee, actor),
    );
    if (outcome.ok) {
      const decided = outcome.value;
      return {
        ...base,
        action: decided.action,
        organizationId: decided.organizationId,
        matchedOrganizationName: decided.matchedOrganizationName,
        matchedOn: decided.matchedOn,
        registrationStatus: decided.registrationStatus,
        reasons: [],
      };
    }
    const { error } = outcome;
    if (error instanceof AppError) {
      const reason =
        error.code === 'EVENT_REGISTRATION_EXISTS'
          ? 'already_registered'
          : error.code === 'ORGANIZATION_DUPLICATE' ||
              error.code === 'ORGANIZATION_POSSIBLE_DUPLICATE'
            ? 'organization_conflict'
            : 'row_failed';
      return { ...base, reasons: [reason] };
    }
    // A database error on one row (a value the checks above missed) must not stop the others.
    this.logger.warn({ err: error, line: record.line }, 'attendee row failed');
    return { ...base, reasons: ['row_failed'] };
  }

  /**
   * Organization (matched or new), contact (matched or new) and the registration: the import's
   * matching, shared with the public registration page so that both find the same organization
   * and contact and neither makes a duplicate. `extra` carries a public registration's link
   * hash and consent.
   */
  async apply(
    db: EntityManager,
    eventId: string,
    attendee: AttendeeRow,
    actor: ActorContext,
    source: 'import' | 'public' = 'import',
    extra: Pick<
      NewRegistration,
      'cancel_token_sha256' | 'consent_version' | 'consent_text_sha256'
    > = {},
  ): Promise<
    Pick<
      ImportRowDto,
      'action' | 'organizationId' | 'matchedOrganizationName' | 'matchedOn' | 'registrationStatus'
    > & { registrationId: string }
  > {
    let action: 'create' | 'match' = 'match';
    let organizationId: string;
    let matchedName: string | null = null;
    let matchedOn: string[] = [];
    const byEmail = attendee.email ? await this.contacts.findByEmail(db, attendee.email) : null;
    if (byEmail) {
      organizationId = byEmail.organizationId;
      matchedOn = ['email'];
      matchedName = (await this.organizations.find(organizationId, db)).name;
    } else {
      // Intake's own duplicate rules: corporate number, name in the prefecture, phone, mail domain.
      const [best] = await this.organizations.likelyDuplicates(db, {
        name: attendee.organizationName,
        prefectureCode: attendee.prefectureCode,
        phone: attendee.phoneE164,
        email: attendee.email,
        corporateNumber: attendee.corporateNumber,
      });
      if (best) {
        organizationId = best.id;
        matchedName = best.name;
        matchedOn = best.matchedOn;
      } else {
        action = 'create';
        organizationId = (
          await this.organizations.insert(
            db,
            {
              name: attendee.organizationName,
              ...(attendee.corporateNumber ? { corporateNumber: attendee.corporateNumber } : {}),
              ...(attendee.prefectureCode ? { prefectureCode: attendee.prefectureCode } : {}),
              ...(attendee.address ? { address: attendee.address } : {}),
              ...(attendee.employees !== null ? { employees: attendee.employees } : {}),
            },
            actor,
            { phone: attendee.phoneE164, email: attendee.email },
          )
        ).id;
      }
    }
    const contactId =
      (
        await this.contacts.findInOrganization(db, organizationId, {
          email: attendee.email,
          phone: attendee.phoneE164,
        })
      )?.id ??
      (
        await this.contacts.insert(
          db,
          organizationId,
          {
            name: attendee.name,
            ...(attendee.nameKana ? { nameKana: attendee.nameKana } : {}),
            ...(attendee.email ? { email: attendee.email } : {}),
            ...(attendee.phone ? { phone: attendee.phone } : {}),
          },
          actor,
        )
      ).id;
    const registrationId = await this.events.addRegistration(
      db,
      {
        event_id: eventId,
        organization_id: organizationId,
        contact_id: contactId,
        name: attendee.name,
        name_kana: attendee.nameKana,
        email: attendee.email,
        phone: attendee.phone,
        source,
        ...extra,
      },
      actor,
    );
    const registration = await this.repository.registration(db, eventId, registrationId);
    return {
      action,
      organizationId,
      matchedOrganizationName: matchedName,
      matchedOn,
      registrationStatus: registration?.status === 'waitlisted' ? 'waitlisted' : 'registered',
      registrationId,
    };
  }
}

function totalsOf(rows: ImportRowDto[]): {
  rows: number;
  create: number;
  match: number;
  reject: number;
} {
  return {
    rows: rows.length,
    create: rows.filter((r) => r.action === 'create').length,
    match: rows.filter((r) => r.action === 'match').length,
    reject: rows.filter((r) => r.action === 'reject').length,
  };
}
