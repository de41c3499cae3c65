import { admitRegistration, fiscalYearOf, mayManageEvent, seatsToPromote } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { CasesService } from '../cases/cases.service';
import { ContactsService } from '../organizations/contacts.service';
import { OrganizationsService } from '../organizations/organizations.service';
import type {
  AttendanceDto,
  CreateOutreachEventDto,
  CreateRegistrationDto,
  EventDto,
  EventQueryDto,
  OpenCaseFromRegistrationDto,
  OpenedCaseDto,
  RegistrationDto,
  UpdateEventDto,
} from './dto/event.dto';
import { promotedMail } from './event-mails';
import { type EventView } from './event-page';
import {
  type EventValues,
  type MailRow,
  type EventRow,
  type EventWithCounts,
  EventsRepository,
  type NewRegistration,
  type RegistrationRow,
} from './events.repository';

const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_UNIQUE_VIOLATION = '23505';

/** `editable` says whether the principal may change it (desk scoping); false without one. */
export const toEventDto = (e: EventWithCounts, principal?: Principal): EventDto => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  description: e.description,
  startsAt: e.starts_at.toISOString(),
  endsAt: e.ends_at.toISOString(),
  fiscalYear: e.fiscal_year,
  venue: e.venue,
  onlineUrl: e.online_url,
  prefectureCode: e.prefecture_code,
  capacity: e.capacity,
  organizerKind: e.organizer_kind,
  organizerDeskId: e.organizer_desk_id,
  organizerName: e.organizer_name,
  coSponsors: e.co_sponsors,
  topics: e.topics,
  published: e.published,
  editable: principal ? mayManageEvent(principal, scopeOf(e)) : false,
  counts: {
    registered: e.registered,
    waitlisted: e.waitlisted,
    cancelled: e.cancelled,
    attended: e.attended,
    noShow: e.no_show,
    casesOpened: e.cases_opened,
  },
  version: e.version,
  createdAt: e.created_at.toISOString(),
  updatedAt: e.updated_at.toISOString(),
});

export const toRegistrationDto = (r: RegistrationRow): RegistrationDto => ({
  id: r.id,
  eventId: r.event_id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  contactId: r.contact_id,
  name: r.name,
  nameKana: r.name_kana,
  email: r.email,
  phone: r.phone,
  status: r.status,
  attendance: r.attendance,
  caseId: r.case_id,
  caseNumber: r.case_number,
  source: r.source,
  registeredAt: r.registered_at.toISOString(),
  version: r.version,
});

const scopeOf = (e: Pick<EventRow, 'organizer_kind' | 'organizer_desk_id'>) => ({
  organizerKind: e.organizer_kind,
  organizerDeskId: e.organizer_desk_id,
});

/** What the public page and the mails say of an event (never its online URL: mail only). */
export const eventView = (
  e: Pick<
    EventRow,
    'title' | 'kind' | 'description' | 'starts_at' | 'ends_at' | 'venue' | 'online_url' | 'capacity'
  > & { id: string },
  counts: { registered: number; waitlisted: number } = { registered: 0, waitlisted: 0 },
): EventView => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  description: e.description,
  startsAt: e.starts_at,
  endsAt: e.ends_at,
  venue: e.venue,
  online: e.online_url !== null,
  capacity: e.capacity,
  seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - counts.registered),
  waitlisted: counts.waitlisted,
});

/** The event's columns from a full set of fields, checked across fields. */
function eventValues(dto: CreateOutreachEventDto): EventValues {
  const startsAt = new Date(dto.startsAt);
  const endsAt = new Date(dto.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw validationError('endsAt', 'must be after startsAt');
  }
  if (!dto.venue && !dto.onlineUrl) {
    throw validationError('venue', 'a venue or an onlineUrl is required');
  }
  if (dto.organizerKind === 'regional_desk' && !dto.organizerDeskId) {
    throw validationError('organizerDeskId', 'is required for a regional desk’s event');
  }
  return {
    kind: dto.kind,
    title: dto.title,
    description: dto.description ?? '',
    starts_at: startsAt,
    ends_at: endsAt,
    // The fiscal year is the start's, in JST (an event on 31 March 23:30 JST is last year's).
    fiscal_year: fiscalYearOf(startsAt),
    venue: dto.venue ?? null,
    online_url: dto.onlineUrl ?? null,
    prefecture_code: dto.prefectureCode ?? null,
    capacity: dto.capacity ?? null,
    organizer_kind: dto.organizerKind,
    organizer_desk_id: dto.organizerKind === 'regional_desk' ? (dto.organizerDeskId ?? null) : null,
    organizer_name: dto.organizerName ?? null,
    co_sponsors: dto.coSponsors ?? [],
    topics: dto.topics ?? [],
    published: dto.published ?? false,
  };
}

const isPgError = (error: unknown, code: string): boolean =>
  (error as { code?: string }).code === code;

/**
 * Outreach events and their registrations. Capacity holds under concurrent registration
 * because every change of an event's seats first locks the event row (EventsRepository.lock).
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EventsRepository,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly outbox: MailOutboxService,
  ) {}

  async list(query: EventQueryDto, actor?: ActorContext): Promise<EventDto[]> {
    return (await this.repository.list(this.dataSource.manager, query)).map((e) =>
      toEventDto(e, actor?.principal ?? undefined),
    );
  }

  async get(
    id: string,
    db: EntityManager = this.dataSource.manager,
    actor?: ActorContext,
  ): Promise<EventDto> {
    const row = await this.repository.find(db, id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such event.');
    }
    return toEventDto(row, actor?.principal ?? undefined);
  }

  /**
   * The event, if the actor may change it and its registrations (mayManageEvent): a desk's
   * staff run their own desk's events only. Everyone on the events staff may still read it.
   */
  async getManaged(
    id: string,
    actor: ActorContext,
    db: EntityManager = this.dataSource.manager,
  ): Promise<EventDto> {
    const event = await this.get(id, db, actor);
    this.assertMayManage(actor, event);
    return event;
  }

  private assertMayManage(
    actor: ActorContext,
    event: { organizerKind: string; organizerDeskId: string | null },
  ): void {
    // No principal: the public page or a job, which are scoped by their own rules.
    if (actor.principal && !mayManageEvent(actor.principal, event)) {
      throw new AppError(
        'FORBIDDEN',
        'Only the organizing desk (or national staff) may change this event and its registrations.',
      );
    }
  }

  /**
   * Moves the waiting list up as far as the seats allow and mails the public registrants who
   * got a seat, in the caller's transaction (the mail goes only if the move commits).
   */
  async promoteWaiting(
    db: EntityManager,
    eventId: string,
    capacity: number | null,
  ): Promise<string[]> {
    const seats = await this.repository.countRegistered(db, eventId);
    const promoted = await this.repository.promote(
      db,
      eventId,
      seatsToPromote(capacity, seats.registered, seats.waitlisted),
    );
    for (const row of await this.repository.publicToMail(db, promoted)) {
      await this.mailRegistrant(db, 'event_promoted', row, promotedMail);
    }
    return promoted;
  }

  /** One mail to a public registrant through the outbox. */
  async mailRegistrant(
    db: EntityManager,
    kind: 'event_promoted' | 'event_reminder',
    row: MailRow,
    compose: (
      event: EventView,
      name: string,
      onlineUrl: string | null,
    ) => {
      subject: string;
      body: string;
    },
  ): Promise<void> {
    const mail = compose(eventView({ ...row, id: row.event_id }), row.name, row.online_url);
    await this.outbox.enqueueExternal(db, { kind, to: row.email!, ...mail });
  }

  async create(dto: CreateOutreachEventDto, actor: ActorContext): Promise<EventDto> {
    const values = eventValues(dto);
    this.assertMayManage(actor, scopeOf(values));
    return this.dataSource.transaction(async (db) => {
      const id = await this.withDeskCheck(() =>
        this.repository.insert(db, values, actor.principal?.userId ?? null),
      );
      await this.audit.record(
        actor,
        { action: 'event.created', entityType: 'event', entityId: id, meta: { kind: dto.kind } },
        db,
      );
      return this.get(id, db, actor);
    });
  }

  async update(id: string, dto: UpdateEventDto, actor: ActorContext): Promise<EventDto> {
    return this.dataSource.transaction(async (db) => {
      const locked = await this.repository.lock(db, id);
      const before = locked && (await this.get(id, db));
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such event.');
      }
      this.assertMayManage(actor, before);
      const { version, ...changes } = dto;
      const merged: CreateOutreachEventDto = {
        kind: before.kind as CreateOutreachEventDto['kind'],
        title: before.title,
        description: before.description,
        startsAt: before.startsAt,
        endsAt: before.endsAt,
        venue: before.venue ?? undefined,
        onlineUrl: before.onlineUrl ?? undefined,
        prefectureCode: before.prefectureCode ?? undefined,
        capacity: before.capacity ?? undefined,
        organizerKind: before.organizerKind as CreateOutreachEventDto['organizerKind'],
        organizerDeskId: before.organizerDeskId ?? undefined,
        organizerName: before.organizerName ?? undefined,
        coSponsors: before.coSponsors,
        topics: before.topics,
        published: before.published,
        ...changes,
      };
      const values = eventValues(merged);
      // Nor may a desk hand its event to another desk (or to the nation).
      this.assertMayManage(actor, scopeOf(values));
      const updated = await this.withDeskCheck(() =>
        this.repository.update(db, id, version, values),
      );
      if (!updated) {
        throw new AppError(
          'EVENT_VERSION_CONFLICT',
          'The event was changed by someone else.',
          undefined,
          {
            currentVersion: before.version,
          },
        );
      }
      // More seats move the waiting list up; fewer seats never push anyone out.
      const promoted = await this.promoteWaiting(db, id, values.capacity);
      await this.audit.record(
        actor,
        {
          action: 'event.updated',
          entityType: 'event',
          entityId: id,
          meta: { fields: Object.keys(changes), ...(promoted.length ? { promoted } : {}) },
        },
        db,
      );
      return this.get(id, db, actor);
    });
  }

  async remove(id: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repository.lock(db, id))) {
        throw new AppError('NOT_FOUND', 'No such event.');
      }
      await this.getManaged(id, actor, db);
      if (await this.repository.hasRegistrations(db, id)) {
        throw new AppError(
          'EVENT_HAS_REGISTRATIONS',
          'An event with registrations cannot be deleted; cancel it in its description instead.',
        );
      }
      await this.repository.delete(db, id);
      await this.audit.record(
        actor,
        { action: 'event.deleted', entityType: 'event', entityId: id },
        db,
      );
    });
  }

  async registrations(eventId: string): Promise<RegistrationDto[]> {
    await this.get(eventId);
    return (await this.repository.registrations(this.dataSource.manager, eventId)).map(
      toRegistrationDto,
    );
  }

  async register(
    eventId: string,
    dto: CreateRegistrationDto,
    actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (db) => {
      await this.getManaged(eventId, actor, db);
      const organization = await this.organizations.find(dto.organizationId, db).catch(() => null);
      if (!organization || organization.mergedInto) {
        throw validationError('organizationId', 'is not a known organization');
      }
      if (dto.contactId) {
        const contact = await this.contacts
          .findVisible(dto.contactId, actor.principal!, db)
          .catch(() => null);
        if (!contact || contact.organization_id !== dto.organizationId) {
          throw validationError('contactId', 'is not a contact of this organization');
        }
      }
      const id = await this.addRegistration(
        db,
        {
          event_id: eventId,
          organization_id: dto.organizationId,
          contact_id: dto.contactId ?? null,
          name: dto.name,
          name_kana: dto.nameKana ?? null,
          email: dto.email ?? null,
          phone: dto.phone ?? null,
          source: 'staff',
        },
        actor,
      );
      return toRegistrationDto((await this.repository.registration(db, eventId, id))!);
    });
  }

  /**
   * One registration inside the caller's transaction (staff or import): locks the event, takes a
   * seat if one is free or joins the waiting list. A live registration of the same address
   * answers 409 EVENT_REGISTRATION_EXISTS.
   */
  async addRegistration(
    db: EntityManager,
    registration: NewRegistration,
    actor: ActorContext,
  ): Promise<string> {
    const event = await this.repository.lock(db, registration.event_id);
    if (!event) {
      throw new AppError('NOT_FOUND', 'No such event.');
    }
    if (
      registration.email &&
      (await this.repository.liveByEmail(db, event.id, registration.email))
    ) {
      throw new AppError(
        'EVENT_REGISTRATION_EXISTS',
        'This address is already registered for the event.',
        [{ field: 'email', message: 'is already registered', constraint: 'taken' }],
      );
    }
    const seats = await this.repository.countRegistered(db, event.id);
    const status = admitRegistration(event.capacity, seats.registered);
    let id: string;
    try {
      id = await this.repository.insertRegistration(
        db,
        registration,
        status,
        actor.principal?.userId ?? null,
      );
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION)) {
        throw new AppError('EVENT_REGISTRATION_EXISTS', 'This address is already registered.');
      }
      throw error;
    }
    await this.audit.record(
      actor,
      {
        action: 'event.registration_added',
        entityType: 'event_registration',
        entityId: id,
        meta: { eventId: event.id, status, source: registration.source },
      },
      db,
    );
    return id;
  }

  async cancelRegistration(
    eventId: string,
    registrationId: string,
    actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (db) => {
      const event = await this.repository.lock(db, eventId);
      const registration =
        event && (await this.repository.registration(db, eventId, registrationId));
      if (!event || !registration) {
        throw new AppError('NOT_FOUND', 'No such registration.');
      }
      await this.getManaged(eventId, actor, db);
      if (registration.status === 'cancelled') {
        throw new AppError(
          'EVENT_REGISTRATION_STATE_CONFLICT',
          'The registration is already cancelled.',
        );
      }
      await this.repository.cancel(db, registrationId);
      const promoted = await this.promoteWaiting(db, eventId, event.capacity);
      await this.audit.record(
        actor,
        {
          action: 'event.registration_cancelled',
          entityType: 'event_registration',
          entityId: registrationId,
          meta: { eventId, ...(promoted.length ? { promoted } : {}) },
        },
        db,
      );
      return toRegistrationDto((await this.repository.registration(db, eventId, registrationId))!);
    });
  }

  async markAttendance(
    eventId: string,
    registrationId: string,
    dto: AttendanceDto,
    actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (db) => {
      await this.getManaged(eventId, actor, db);
      const registration = await this.repository.registration(db, eventId, registrationId, true);
      if (!registration) {
        throw new AppError('NOT_FOUND', 'No such registration.');
      }
      if (registration.status !== 'registered') {
        throw new AppError(
          'EVENT_REGISTRATION_STATE_CONFLICT',
          'Only a registration with a seat can be marked attended or no-show.',
        );
      }
      await this.repository.setAttendance(db, registrationId, dto.attendance);
      await this.audit.record(
        actor,
        {
          action: 'event.attendance_marked',
          entityType: 'event_registration',
          entityId: registrationId,
          changes: { attendance: { from: registration.attendance, to: dto.attendance } },
          meta: { eventId },
        },
        db,
      );
      return toRegistrationDto((await this.repository.registration(db, eventId, registrationId))!);
    });
  }

  /**
   * A `seminar` case for an attendee, through the cases service in one transaction with the
   * link. The registration holds the case (not the other way round): the events module owns the
   * link, the cases table stays free of events, and one attendee opens at most one case.
   */
  async openCase(
    eventId: string,
    registrationId: string,
    dto: OpenCaseFromRegistrationDto,
    actor: ActorContext,
  ): Promise<OpenedCaseDto> {
    return this.dataSource.transaction(async (db) => {
      const event = await this.getManaged(eventId, actor, db);
      const registration = await this.repository.registration(db, eventId, registrationId, true);
      if (!registration) {
        throw new AppError('NOT_FOUND', 'No such registration.');
      }
      if (registration.case_id) {
        throw new AppError(
          'EVENT_REGISTRATION_STATE_CONFLICT',
          'A case was already opened for this attendee.',
          undefined,
          { caseId: registration.case_id },
        );
      }
      if (registration.status === 'cancelled') {
        throw new AppError('EVENT_REGISTRATION_STATE_CONFLICT', 'The registration is cancelled.');
      }
      const topics = dto.topics ?? event.topics;
      if (topics.length === 0) {
        throw validationError('topics', 'the event has no topics: name at least one');
      }
      let contactId = registration.contact_id;
      if (!contactId) {
        contactId =
          (
            await this.contacts.findInOrganization(db, registration.organization_id, {
              email: registration.email,
              phone: null,
            })
          )?.id ?? null;
      }
      if (!contactId) {
        contactId = (
          await this.contacts.insert(
            db,
            registration.organization_id,
            {
              name: registration.name.slice(0, 100),
              ...(registration.name_kana ? { nameKana: registration.name_kana.slice(0, 100) } : {}),
              ...(registration.email ? { email: registration.email } : {}),
              ...(registration.phone ? { phone: registration.phone } : {}),
            },
            actor,
          )
        ).id;
        await this.repository.setContact(db, registrationId, contactId);
      }
      const created = await this.cases.intakeFromEvent(
        db,
        {
          organizationId: registration.organization_id,
          contactId,
          topics,
          subject: (dto.subject ?? `${event.title}: ${registration.organization_name}`).slice(
            0,
            200,
          ),
          description: `イベント「${event.title}」の参加者から開いた案件です。`,
          eventData: { source: 'event', eventId, registrationId },
        },
        actor,
      );
      await this.repository.linkCase(db, registrationId, created.id);
      await this.audit.record(
        actor,
        {
          action: 'event.case_opened',
          entityType: 'event_registration',
          entityId: registrationId,
          meta: { eventId, caseId: created.id },
        },
        db,
      );
      return {
        caseId: created.id,
        caseNumber: created.number,
        registration: toRegistrationDto(
          (await this.repository.registration(db, eventId, registrationId))!,
        ),
      };
    });
  }

  /** The registrations' half of an organization merge, in the merge's transaction. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<number> {
    return this.repository.moveToOrganization(db, fromOrganizationId, toOrganizationId);
  }

  private async withDeskCheck<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isPgError(error, PG_FOREIGN_KEY_VIOLATION)) {
        throw validationError('organizerDeskId', 'is not a known desk');
      }
      throw error;
    }
  }
}
