import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import yazl from 'yazl';
import { formatJapanesePhone, normalizeJapanesePhone } from '@madoguchi/domain';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import {
  type SubjectKeys,
  DataSubjectsRepository,
  type RequestRow,
} from './data-subjects.repository';
import type {
  CreateDataSubjectRequestDto,
  DataSubjectRequestDto,
  DataSubjectSearchQueryDto,
  DataSubjectSearchResultDto,
  ErasureResultDto,
  UpdateDataSubjectRequestDto,
} from './dto/data-subject.dto';
import { renderDisclosureHtml } from './disclosure-html';
import { PseudonymizationService } from './pseudonymization.service';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

/** Everything found about a person, with the text an export needs beside the search's columns. */
export interface SubjectData {
  searchedBy: { email: string | null; phone: string | null; name: string | null };
  result: DataSubjectSearchResultDto;
  caseDescriptions: Record<string, string>;
  mailBodies: Record<string, string>;
}

function toRequestDto(r: RequestRow): DataSubjectRequestDto {
  return {
    id: r.id,
    kind: r.kind as DataSubjectRequestDto['kind'],
    status: r.status as DataSubjectRequestDto['status'],
    requesterName: r.requester_name,
    requesterEmail: r.requester_email,
    requesterPhone: r.requester_phone,
    receivedAt: iso(r.received_at)!,
    dueOn: String(r.due_on),
    answeredAt: iso(r.answered_at),
    notes: r.notes,
    overdue: r.overdue,
    erasedAt: iso(r.erased_at),
    createdAt: iso(r.created_at)!,
  };
}

/** Requests from the people in the data (APPI): finding them, disclosure, erasure. */
@Injectable()
export class DataSubjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DataSubjectsRepository,
    private readonly pseudonymization: PseudonymizationService,
    private readonly audit: AuditService,
  ) {}

  keysOf(query: DataSubjectSearchQueryDto): SubjectKeys {
    if (!query.email && !query.phone && !query.name) {
      throw new AppError('VALIDATION_FAILED', 'email: give an email, a phone or a name', [
        { field: 'email', message: 'give an email, a phone or a name', constraint: 'required' },
      ]);
    }
    let phone: string | null = null;
    if (query.phone) {
      phone = normalizeJapanesePhone(query.phone);
      if (!phone) {
        throw validationError('phone', 'must be a Japanese phone number', 'isPhoneNumber');
      }
    }
    return {
      email: query.email ?? null,
      phone,
      name: query.name ? query.name.replace(/[\s\u3000]/g, '') : null,
    };
  }

  async search(
    query: DataSubjectSearchQueryDto,
    actor: ActorContext,
  ): Promise<DataSubjectSearchResultDto> {
    const data = await this.collect(this.dataSource.manager, this.keysOf(query));
    // Looking a person up is itself a use of their data: who looked, and for whom.
    await this.audit.record(actor, {
      action: 'data_subject.searched',
      entityType: 'data_subject',
      meta: { by: Object.keys(query).filter((k) => query[k as keyof typeof query]) },
    });
    return data.result;
  }

  private async collect(db: EntityManager, keys: SubjectKeys): Promise<SubjectData> {
    const contacts = await this.repository.contacts(db, keys);
    const contactIds = contacts.map((c) => c.id);
    const cases = await this.repository.cases(db, contactIds, keys.email);
    const caseIds = cases.map((c) => c.id);
    const mails = await this.repository.mails(db, caseIds, keys.email);
    const sessions = await this.repository.sessions(db, caseIds);
    const surveys = await this.repository.surveys(db, contactIds);
    const audit = await this.repository.auditEvents(db, [...contactIds, ...caseIds], keys.email);
    return {
      searchedBy: { email: keys.email, phone: keys.phone, name: keys.name },
      caseDescriptions: Object.fromEntries(cases.map((c) => [c.id, c.description])),
      mailBodies: Object.fromEntries(mails.map((m) => [m.id, m.body_text])),
      result: {
        contacts: contacts.map((c) => ({
          id: c.id,
          name: c.name,
          nameKana: c.name_kana,
          email: c.email,
          phone: c.phone ? formatJapanesePhone(c.phone) : null,
          organizationId: c.organization_id,
          organizationName: c.organization_name,
          pseudonymizedAt: iso(c.pseudonymized_at),
        })),
        cases: cases.map((c) => ({
          id: c.id,
          number: c.number,
          subject: c.subject,
          status: c.status,
          receivedAt: iso(c.received_at)!,
          closedAt: iso(c.closed_at),
          contactId: c.contact_id,
          onLegalHold: c.held,
        })),
        mails: mails.map((m) => ({
          id: m.id,
          caseId: m.case_id,
          direction: m.direction,
          subject: m.subject,
          fromAddress: m.from_address,
          receivedAt: iso(m.received_at)!,
        })),
        sessions: sessions.map((s) => ({
          id: s.id,
          caseId: s.case_id,
          kind: s.kind,
          status: s.status,
          mode: s.mode,
          startsAt: iso(s.starts_at)!,
        })),
        surveys: surveys.map((s) => ({
          id: s.id,
          caseId: s.case_id,
          invitedAt: iso(s.invited_at)!,
          answeredAt: iso(s.answered_at),
          overall: s.overall,
          comment: s.comment,
        })),
        auditEvents: audit.map((a) => ({
          id: String(a.id),
          at: iso(a.at)!,
          action: a.action,
          entityType: a.entity_type,
          entityId: a.entity_id,
          actorEmail: a.actor_email,
        })),
      },
    };
  }

  async list(): Promise<DataSubjectRequestDto[]> {
    return (await this.repository.listRequests(this.dataSource.manager)).map(toRequestDto);
  }

  async get(id: string): Promise<DataSubjectRequestDto> {
    const row = await this.repository.request(this.dataSource.manager, id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such request.');
    }
    return toRequestDto(row);
  }

  async create(
    dto: CreateDataSubjectRequestDto,
    actor: ActorContext,
  ): Promise<DataSubjectRequestDto> {
    const id = await this.dataSource.transaction(async (db) => {
      const created = await this.repository.createRequest(db, {
        kind: dto.kind,
        requesterName: dto.requesterName,
        requesterEmail: dto.requesterEmail ?? null,
        requesterPhone: dto.requesterPhone ?? null,
        receivedAt: dto.receivedAt,
        dueOn: dto.dueOn,
        notes: dto.notes ?? '',
        userId: actor.principal?.userId ?? null,
      });
      await this.audit.record(
        actor,
        {
          action: 'data_subject_request.created',
          entityType: 'data_subject_request',
          entityId: created,
          meta: { kind: dto.kind },
        },
        db,
      );
      return created;
    });
    return this.get(id);
  }

  async update(
    id: string,
    dto: UpdateDataSubjectRequestDto,
    actor: ActorContext,
  ): Promise<DataSubjectRequestDto> {
    const columns: Record<keyof UpdateDataSubjectRequestDto, string> = {
      kind: 'kind',
      status: 'status',
      requesterName: 'requester_name',
      requesterEmail: 'requester_email',
      requesterPhone: 'requester_phone',
      receivedAt: 'received_at',
      dueOn: 'due_on',
      notes: 'notes',
    };
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(columns)) {
      const value = dto[key as keyof UpdateDataSubjectRequestDto];
      if (value !== undefined) {
        set[column] = value;
      }
    }
    await this.dataSource.transaction(async (db) => {
      const before = await this.repository.request(db, id);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such request.');
      }
      if (Object.keys(set).length > 0) {
        await this.repository.updateRequest(db, id, set);
      }
      await this.audit.record(
        actor,
        {
          action: 'data_subject_request.updated',
          entityType: 'data_subject_request',
          entityId: id,
          meta: { fields: Object.keys(set), status: dto.status ?? before.status },
        },
        db,
      );
    });
    return this.get(id);
  }

  async remove(id: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repository.deleteRequest(db, id))) {
        throw new AppError('NOT_FOUND', 'No such request.');
      }
      await this.audit.record(
        actor,
        {
          action: 'data_subject_request.deleted',
          entityType: 'data_subject_request',
          entityId: id,
        },
        db,
      );
    });
  }

  /** The disclosure: a zip with everything found (JSON) and a summary to read (HTML, Japanese). */
  async disclosure(id: string, actor: ActorContext): Promise<{ fileName: string; zip: Buffer }> {
    const request = await this.get(id);
    const data = await this.collect(
      this.dataSource.manager,
      this.keysOf({
        email: request.requesterEmail ?? undefined,
        phone: request.requesterPhone ?? undefined,
        name: request.requesterEmail || request.requesterPhone ? undefined : request.requesterName,
      }),
    );
    const generatedAt = new Date();
    const zip = new yazl.ZipFile();
    const json = JSON.stringify(
      { request, generatedAt: generatedAt.toISOString(), ...data },
      null,
      2,
    );
    zip.addBuffer(Buffer.from(json, 'utf8'), 'data.json', { mtime: generatedAt });
    zip.addBuffer(
      Buffer.from(renderDisclosureHtml(request, data, generatedAt), 'utf8'),
      'summary.html',
      { mtime: generatedAt },
    );
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) {
      chunks.push(chunk as Buffer);
    }
    await this.audit.record(actor, {
      action: 'data_subject_request.disclosed',
      entityType: 'data_subject_request',
      entityId: id,
      meta: {
        contacts: data.result.contacts.length,
        cases: data.result.cases.length,
        mails: data.result.mails.length,
      },
    });
    return { fileName: `disclosure-${id}.zip`, zip: Buffer.concat(chunks) };
  }

  /**
   * Erasure or stop of use: the given contacts (which staff confirmed are this person) and the
   * cases they are the contact of are pseudonymized now. Counts in reports stay as they were.
   */
  async erase(
    id: string,
    contactIds: string[],
    reason: string,
    actor: ActorContext,
  ): Promise<ErasureResultDto> {
    return this.dataSource.transaction(async (db) => {
      const request = await this.repository.request(db, id);
      if (!request) {
        throw new AppError('NOT_FOUND', 'No such request.');
      }
      if (request.kind !== 'erasure' && request.kind !== 'stop_of_use') {
        throw validationError(
          'contactIds',
          'only an erasure or stop-of-use request erases',
          'requestKind',
        );
      }
      const cases = await this.repository.cases(db, contactIds, null);
      const known = await this.repository.existingContacts(db, contactIds);
      if (known.length !== new Set(contactIds).size) {
        throw validationError('contactIds', 'no such contact', 'exists');
      }
      const held = cases.filter((c) => c.held).map((c) => c.id);
      const caseIds = cases.filter((c) => !c.held).map((c) => c.id);
      // A contact of a held case stays as the hold found it, with the case.
      const heldContacts = new Set(cases.filter((c) => c.held).map((c) => c.contact_id));
      const counts = await this.pseudonymization.erase(
        db,
        contactIds.filter((c) => !heldContacts.has(c)),
        caseIds,
        reason,
        actor,
      );
      await this.audit.record(
        actor,
        {
          action: 'data_subject.erased',
          entityType: 'data_subject_request',
          entityId: id,
          meta: {
            reason,
            contacts: contactIds.length,
            cases: caseIds.length,
            heldCases: held.length,
            counts,
          },
        },
        db,
      );
      return { counts, heldCaseIds: held };
    });
  }
}
