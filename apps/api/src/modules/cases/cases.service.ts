import {
  canTransition,
  type CaseStatus,
  fiscalYearOf,
  formatCaseNumber,
  type TeleworkFact,
  validateTransition,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AppError, validationError } from '../../common/errors/app-error';
import { Clock } from '../../common/clock/clock';
import { type AuditRecord, AuditService } from '../audit/audit.service';
import type { ContactRow } from '../organizations/contacts.repository';
import { ContactsService } from '../organizations/contacts.service';
import type { ContactDto } from '../organizations/dto/contact.dto';
import type { OrganizationDto } from '../organizations/dto/organization.dto';
import type { Organization } from '../organizations/organizations.repository';
import {
  type NewOrganizationOptions,
  OrganizationsService,
} from '../organizations/organizations.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RoutingService } from '../routing/routing.service';
import { SlaService } from '../routing/sla.service';
import { DesksService } from '../desks/desks.service';
import { assertMayChangeCase } from './case-scope';
import { type CaseRow, CasesRepository, type MailCaseRef } from './cases.repository';
import { type CaseEventKind, CaseTimelineService } from './case-timeline.service';
import type {
  AssigneeDto,
  CaseDto,
  CaseEventDto,
  CreateEventDto,
  TransitionDto,
  UpdateCaseDto,
} from './dto/case.dto';
import type { IntakeDto } from './dto/intake.dto';

// Booking a session takes the case into its session phase, walking the state machine's own
// edges (new → referred_to_expert → in_sessions); later phases are left to the desk.
const MOVES_TO_IN_SESSIONS: readonly CaseStatus[] = ['new', 'in_progress', 'referred_to_expert'];

// Calls and visits are answered on contact; written channels wait for a reply.
const ANSWERED_ON_CONTACT = new Set(['phone', 'walk_in', 'seminar']);

export interface MailIntake {
  /** The mailbox's desk, routed from as if the case were logged there. */
  deskId: string;
  organizationId: string;
  contactId: string | null;
  subject: string;
  description: string;
  receivedAt: Date;
  /** From reserveCaseNumber. */
  number: string;
  mailMessageId: string;
  /** The closed case this mail replied to, when it was too old to reopen. */
  previousCaseId?: string;
}

/** A case createCase wrote, with what its transaction holds to answer it (see intake). */
interface CreatedCase {
  row: CaseRow;
  organization: Organization;
  /** Created by this intake: no sessions or grants can be counted for it yet. */
  organizationCreated: boolean;
  /** The contact, when this intake read it (findVisible) or created it; null for an id taken on trust. */
  contact: { row: ContactRow; created: boolean } | null;
}

export interface IntakeResult {
  case: CaseDto;
  replayed: boolean;
}

/** What the public web form gives intake: no staff member stands behind it. */
export interface WebIntake {
  organization: {
    name: string;
    nameKana?: string;
    prefectureCode?: string;
    industryCode?: string;
    employees?: number;
  };
  contact: { name: string; nameKana?: string; phone?: string; email?: string };
  topics: string[];
  subject: string;
  description: string;
  /** Extra facts for the first timeline entry (e.g. whether the proof of work was solved). */
  eventData: Record<string, unknown>;
}

/** A case opened from an event's attendee: organization and contact already on file. */
export interface EventIntake {
  organizationId: string;
  /** A contact of that organization the events module found or created for the attendee. */
  contactId: string | null;
  topics: string[];
  subject: string;
  description: string;
  /** The event and registration, for the first timeline entry. */
  eventData: Record<string, unknown>;
}

// The stored reason of an organization created from the web although it looks like one on
// file: a web submission is never refused for that, staff merge the two if they are one.
const webDuplicateReason = (candidates: { id: string; name: string }[]): string =>
  `Web inquiry: possible duplicate of ${candidates
    .map((c) => `${c.name} (${c.id})`)
    .join(', ')}; the submitter could not be asked, check and merge.`.slice(0, 1000);

/** The case as the API answers it, with its organization and (where visible) its contact. */
const caseDto = (
  row: CaseRow,
  embedded: { organization: OrganizationDto; contact: ContactDto | null },
): CaseDto => ({
  id: row.id,
  number: row.number,
  status: row.status,
  channel: row.channel,
  deskId: row.desk_id,
  assigneeId: row.assignee_id,
  subject: row.subject,
  description: row.description,
  topics: row.topics,
  receivedAt: row.received_at.toISOString(),
  callDirection: row.call_direction,
  callDurationSeconds: row.call_duration_seconds,
  firstResponseDueAt: row.first_response_due_at?.toISOString() ?? null,
  firstRespondedAt: row.first_responded_at?.toISOString() ?? null,
  resolutionDueAt: row.resolution_due_at?.toISOString() ?? null,
  slaPausedSince: row.sla_paused_since?.toISOString() ?? null,
  pendingTransfer:
    row.transfer_to_desk_id && row.transfer_requested_at && row.transfer_accept_due_at
      ? {
          toDeskId: row.transfer_to_desk_id,
          fromDeskId: row.transfer_from_desk_id ?? row.desk_id,
          reason: row.transfer_reason ?? '',
          requestedAt: row.transfer_requested_at.toISOString(),
          acceptDueAt: row.transfer_accept_due_at.toISOString(),
        }
      : null,
  outcome: row.outcome,
  outcomeConfirmedOn: row.outcome_confirmed_on,
  notAdoptedReason: row.not_adopted_reason,
  closedAt: row.closed_at?.toISOString() ?? null,
  version: row.version,
  organization: embedded.organization,
  contact: embedded.contact,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
    private readonly routing: RoutingService,
    private readonly sla: SlaService,
    private readonly notifications: NotificationsService,
    private readonly caseEvents: CaseTimelineService,
    private readonly cases: CasesRepository,
    private readonly desks: DesksService,
  ) {}

  /**
   * One request, one transaction: organization (existing or new), contact (existing or new),
   * the case, its topics and the first timeline entry. An Idempotency-Key makes retries safe.
   */
  async intake(
    dto: IntakeDto,
    actor: ActorContext,
    idempotencyKey?: string,
  ): Promise<IntakeResult> {
    const principal = actor.principal!;
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    const number = await this.nextCaseNumber(
      dto.receivedAt ? new Date(dto.receivedAt) : this.clock.now(),
    );
    // Chosen here so that the key and the audit trail can name the case as it is written.
    const id = randomUUID();
    type Outcome = { replayedId: string } | { created: CreatedCase };
    const outcome = await this.dataSource.transaction(async (db): Promise<Outcome> => {
      if (idempotencyKey) {
        const claimed = await this.cases.claimIdempotencyKey(
          db,
          principal.userId,
          idempotencyKey,
          requestHash,
          id,
        );
        if (!claimed) {
          // The key was used before (a concurrent retry waited on the row lock until it committed).
          const previous = await this.cases.findIdempotencyKey(
            db,
            principal.userId,
            idempotencyKey,
          );
          if (!previous || previous.request_hash !== requestHash || !previous.resource_id) {
            throw new AppError(
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was already used for a different request.',
            );
          }
          return { replayedId: previous.resource_id };
        }
      }
      return { created: await this.createCase(db, dto, actor, number, { id }) };
    });
    if ('replayedId' in outcome) {
      return { case: await this.load(outcome.replayedId, principal), replayed: true };
    }
    return { case: await this.answer(outcome.created, principal), replayed: false };
  }

  /**
   * The intake's answer, as the case page (get) shows the case, from what its transaction wrote
   * and read rather than read back after COMMIT (docs/benchmarks.md, "Statements per request").
   * Only a known organization's sessions and grants are counted, as the page counts them.
   */
  private async answer(created: CreatedCase, principal: Principal): Promise<CaseDto> {
    const { row, contact } = created;
    const organization = created.organizationCreated
      ? await this.organizations.dtoOfNew(created.organization)
      : await this.organizations.dtoOf(created.organization);
    return caseDto(row, {
      organization,
      contact: !contact
        ? row.contact_id
          ? await this.contacts.dtoFor(row.contact_id, principal)
          : null
        : contact.created
          ? this.contacts.dtoOfNew(contact.row, principal, {
              deskId: row.desk_id,
              transferToDeskId: row.transfer_to_desk_id,
            })
          : this.contacts.visibleDto(contact.row),
    });
  }

  /**
   * The next number of the fiscal year, taken in its own short transaction: the counter row
   * is locked only for that statement, not for the whole intake, so intakes do not queue on it.
   * A failed or replayed intake leaves a gap in the numbers, as in most ticketing systems.
   */
  private async nextCaseNumber(receivedAt: Date, db?: EntityManager): Promise<string> {
    const fiscalYear = fiscalYearOf(receivedAt);
    return formatCaseNumber(fiscalYear, await this.cases.nextNumber(fiscalYear, db));
  }

  /**
   * A `web` case from the public inquiry form, inside the caller's transaction: the same intake
   * (routing, SLA clocks of the web channel, timeline, audit) with nobody signed in. It never
   * answers 409 for a look-alike organization: see webDuplicateReason.
   */
  async intakeFromWeb(
    db: EntityManager,
    input: WebIntake,
    actor: ActorContext,
  ): Promise<{ id: string; number: string }> {
    const number = await this.nextCaseNumber(this.clock.now());
    const dto: IntakeDto = {
      channel: 'web',
      organization: input.organization,
      contact: input.contact,
      topics: input.topics,
      subject: input.subject,
      description: input.description,
    };
    const created = await this.createCase(db, dto, { ...actor, principal: null }, number, {
      eventData: input.eventData,
    });
    return { id: created.row.id, number };
  }

  /**
   * A `seminar` case for an event's attendee, inside the events module's transaction: the same
   * intake (routing, SLA, timeline, audit) by the staff member who opens it. The contact was
   * matched or created by the caller within the organization, so it is not checked against the
   * staff member's contact scope (a desk sees an attendee's contact once it holds the case).
   */
  async intakeFromEvent(
    db: EntityManager,
    input: EventIntake,
    actor: ActorContext,
  ): Promise<{ id: string; number: string }> {
    const number = await this.nextCaseNumber(this.clock.now());
    const created = await this.createCase(
      db,
      {
        channel: 'seminar',
        organization: { id: input.organizationId },
        ...(input.contactId ? { contact: { id: input.contactId } } : {}),
        topics: input.topics,
        subject: input.subject,
        description: input.description,
      },
      actor,
      number,
      { eventData: input.eventData, contactOfOrganization: true },
    );
    return { id: created.row.id, number };
  }

  /** The case number of a case, for whoever already holds its id (no scope: not for staff reads). */
  async numberOf(db: EntityManager, id: string): Promise<string> {
    const number = await this.cases.numberOf(db, id);
    if (number === null) {
      throw new AppError('NOT_FOUND', 'No such case.');
    }
    return number;
  }

  /** The case's current version, for whoever already checked they may see it (presence). */
  versionOf(id: string): Promise<number | null> {
    return this.cases.versionOf(id);
  }

  /** The organization a case belongs to, read in the caller's transaction (no scope). */
  async organizationIdOf(db: EntityManager, id: string): Promise<string> {
    const organizationId = await this.cases.organizationIdOf(db, id);
    if (organizationId === null) {
      throw new AppError('NOT_FOUND', 'No such case.');
    }
    return organizationId;
  }

  /**
   * A booked session takes an open case into its session phase, on its timeline; a case
   * further on (or one the state machine cannot walk there) stays where it is.
   */
  async enterSessionPhase(db: EntityManager, caseId: string, actorId: string): Promise<void> {
    const from = await this.cases.statusOf(db, caseId);
    if (from === null || !MOVES_TO_IN_SESSIONS.includes(from)) {
      return;
    }
    const path: CaseStatus[] = canTransition(from, 'in_sessions')
      ? ['in_sessions']
      : ['referred_to_expert', 'in_sessions'];
    if (!path.every((to, i) => canTransition(i === 0 ? from : path[i - 1]!, to))) {
      return;
    }
    if (await this.cases.moveStatus(db, caseId, from, 'in_sessions')) {
      await this.appendEvent(db, caseId, actorId, 'status_changed', '', {
        from,
        to: 'in_sessions',
        ...(path.length > 1 ? { via: path.slice(0, -1) } : {}),
        reason: 'session_booked',
      });
    }
  }

  /** A web organization is created even when it looks like one on file, with the reason stored. */
  private async insertWebOrganization(
    db: EntityManager,
    dto: IntakeDto,
    actor: ActorContext,
    options: NewOrganizationOptions,
  ): Promise<Organization> {
    const fields = { ...dto.organization, name: dto.organization.name! };
    const hints = { phone: dto.contact?.phone, email: dto.contact?.email };
    try {
      return await this.organizations.insert(db, fields, actor, hints, options);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'ORGANIZATION_POSSIBLE_DUPLICATE') {
        throw error;
      }
      const details = error.extra?.details as { candidates?: { id: string; name: string }[] };
      return this.organizations.insert(
        db,
        { ...fields, duplicateOverrideReason: webDuplicateReason(details?.candidates ?? []) },
        actor,
        hints,
        options,
      );
    }
  }

  private async createCase(
    db: EntityManager,
    dto: IntakeDto,
    actor: ActorContext,
    number: string,
    options: {
      /** The case's id when the caller needs it before the case is written. */
      id?: string;
      loggerDeskId?: string;
      eventData?: Record<string, unknown>;
      /** The caller vouches that contact.id belongs to the organization (see intakeFromEvent). */
      contactOfOrganization?: boolean;
    } = {},
  ): Promise<CreatedCase> {
    // null for a web inquiry: nobody on staff logs it.
    const principal = actor.principal;
    // The organization, contact and case are audited in one statement, at the end.
    const audit: AuditRecord[] = [];
    const organizationCreated = !dto.organization.id;
    // A new organization's new contact is its only one: its phone is searchable from the start.
    const asNew: NewOrganizationOptions = {
      contactPhoneInSearchText: !!dto.contact && !dto.contact.id,
      audit,
    };
    // Staff's new organization with a new contact: both in one statement.
    const withFirstContact =
      principal && !dto.organization.id && dto.contact && !dto.contact.id
        ? await this.organizations.insertWithFirstContact(
            db,
            { ...dto.organization, name: dto.organization.name! },
            actor,
            { ...dto.contact, name: dto.contact.name! },
            { audit },
          )
        : null;
    // Staff's known organization with a known contact: both read in one statement.
    const withKnownContact =
      principal && dto.organization.id && dto.contact?.id && !options.contactOfOrganization
        ? await this.organizations
            .findWithVisibleContact(db, dto.organization.id, dto.contact.id, principal)
            .catch(() => {
              throw validationError('organization.id', 'is not a known organization');
            })
        : null;
    const organization = withFirstContact
      ? withFirstContact.organization
      : withKnownContact
        ? withKnownContact.organization
        : dto.organization.id
          ? await this.organizations.find(dto.organization.id, db).catch(() => {
              throw validationError('organization.id', 'is not a known organization');
            })
          : !principal
            ? await this.insertWebOrganization(db, dto, actor, asNew)
            : await this.organizations.insert(
                db,
                { ...dto.organization, name: dto.organization.name! },
                actor,
                dto.contact?.id ? {} : { phone: dto.contact?.phone, email: dto.contact?.email },
                asNew,
              );
    if (organization.mergedInto) {
      throw validationError('organization.id', 'was merged into another organization');
    }
    const organizationId = organization.id;

    let contactId: string | null = null;
    let contact: CreatedCase['contact'] = null;
    if (withFirstContact) {
      contactId = withFirstContact.contact.id;
      contact = { row: withFirstContact.contact, created: true };
    } else if (withKnownContact) {
      const found = withKnownContact.contact;
      if (!found || found.organization_id !== organizationId) {
        throw validationError('contact.id', 'is not a contact of this organization');
      }
      contactId = found.id;
      contact = { row: found, created: false };
    } else if (dto.contact?.id && principal && !options.contactOfOrganization) {
      const found = await this.contacts
        .findVisible(dto.contact.id, principal, db)
        .catch(() => null);
      if (!found || found.organization_id !== organizationId) {
        throw validationError('contact.id', 'is not a contact of this organization');
      }
      contactId = found.id;
      contact = { row: found, created: false };
    } else if (dto.contact?.id) {
      // Nobody signed in: a system intake (mail fetched over IMAP) that found or made this
      // contact itself, in this transaction. The public form never names a contact by id.
      contactId = dto.contact.id;
    } else if (dto.contact) {
      const row = await this.contacts.insert(
        db,
        organizationId,
        { ...dto.contact, name: dto.contact.name! },
        actor,
        organizationCreated
          ? { organizationCreated: true, audit }
          : { organizationFound: true, audit },
      );
      contactId = row.id;
      contact = { row, created: true };
    }

    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : this.clock.now();
    if (receivedAt.getTime() > this.clock.now().getTime() + 5 * 60_000) {
      throw validationError('receivedAt', 'must not be in the future');
    }
    // Routing rules pick the owning desk; whoever logs a case their own desk owns keeps it,
    // otherwise the rule's assignee or the desk's auto-assignment takes it.
    const loggerDeskId = options.loggerDeskId ?? principal?.deskId ?? NATIONAL_DESK_ID;
    const chosenDeskId =
      dto.deskId && principal ? await this.chosenDesk(db, dto.deskId, principal) : null;
    const route = chosenDeskId
      ? { deskId: chosenDeskId, assigneeId: null, ruleId: null }
      : await this.routing.route(db, {
          channel: dto.channel,
          prefectureCode: organization.prefectureCode,
          topics: dto.topics,
          industryCode: organization.industryCode,
          sme: organization.sme,
          loggerDeskId,
          loggerDeskKind: loggerDeskId === NATIONAL_DESK_ID ? 'national' : 'regional',
        });
    const deskId = route.deskId;
    const loggerIsStaff = principal?.role === 'desk_staff' || principal?.role === 'operator';
    const assigneeId =
      route.assigneeId ??
      (principal && deskId === loggerDeskId && loggerIsStaff
        ? principal.userId
        : await this.routing.autoAssign(db, deskId));
    const answered = ANSWERED_ON_CONTACT.has(dto.channel);
    const due = await this.sla.dueTimes(db, dto.channel, deskId, receivedAt);
    const id = options.id ?? randomUUID();
    audit.push({ action: 'case.created', entityType: 'case', entityId: id });
    // The case, its topics, its `created` event and the audit trail in one statement.
    const inserted = await this.cases.insertNew(
      db,
      {
        id,
        number,
        organizationId,
        contactId,
        deskId,
        assigneeId,
        channel: dto.channel,
        subject: dto.subject,
        description: dto.description ?? '',
        receivedAt,
        callDirection: dto.callDirection ?? null,
        callDurationSeconds: dto.callDurationSeconds ?? null,
        firstRespondedAt: answered ? receivedAt : null,
        createdBy: principal?.userId ?? null,
        firstResponseDueAt: answered ? null : due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
      },
      dto.topics,
      {
        actorId: principal?.userId ?? null,
        body: dto.description ?? '',
        data: {
          channel: dto.channel,
          topics: dto.topics,
          deskId,
          ...(route.ruleId ? { routingRuleId: route.ruleId } : {}),
          ...(chosenDeskId ? { deskChosenAtIntake: true } : {}),
          ...(dto.callDurationSeconds !== undefined
            ? { callDurationSeconds: dto.callDurationSeconds }
            : {}),
          ...options.eventData,
        },
      },
      this.audit.entries(actor, audit),
    );
    if (assigneeId && assigneeId !== principal?.userId) {
      await this.notifications.notify(db, {
        userIds: [assigneeId],
        kind: 'assigned',
        caseId: id,
        title: `新しい案件が割り当てられました: ${dto.subject}`,
        body: organization.name,
        dedupeKey: `assigned:${id}:${assigneeId}`,
      });
    }
    return { row: inserted, organization, organizationCreated, contact };
  }

  /**
   * A new case from an inbound email, inside the mail module's transaction: routed like any
   * intake as if logged at the mailbox's desk, received when the message was sent (the SLA starts
   * on arrival), topics left for triage.
   */
  async intakeFromMail(
    db: EntityManager,
    input: MailIntake,
    actor: ActorContext,
  ): Promise<{ id: string; number: string }> {
    const number = input.number;
    const created = await this.createCase(
      db,
      {
        channel: 'email',
        organization: { id: input.organizationId },
        ...(input.contactId ? { contact: { id: input.contactId } } : {}),
        topics: [],
        subject: input.subject,
        description: input.description,
        receivedAt: input.receivedAt.toISOString(),
      },
      actor,
      number,
      {
        loggerDeskId: input.deskId,
        eventData: {
          mailMessageId: input.mailMessageId,
          ...(input.previousCaseId ? { previousCaseId: input.previousCaseId } : {}),
        },
      },
    );
    return { id: created.row.id, number };
  }

  /**
   * A case number for a mail that will open a case, taken before the mail's transaction (as
   * intake does) so that the counter row is not held for it; with `db`, inside that transaction
   * instead, for the rare mail found to need one only there.
   */
  async reserveCaseNumber(receivedAt: Date, db?: EntityManager): Promise<string> {
    return this.nextCaseNumber(receivedAt, db);
  }

  /** The case a mail refers to by its number, or by id (a message it received or sent). */
  async findForMail(
    db: EntityManager,
    by: { number: string } | { id: string },
  ): Promise<MailCaseRef | null> {
    return this.cases.findForMail(db, by);
  }

  /**
   * A reply the mail server accepted: the first one stops the first-response SLA clock (as an
   * outgoing email logged on the timeline does).
   */
  async recordMailAnswer(db: EntityManager, caseId: string): Promise<void> {
    await this.cases.markFirstResponded(db, caseId);
  }

  /** A reply to a closed or resolved case reopens it (in progress), on its timeline. */
  async reopenForMail(
    db: EntityManager,
    ref: MailCaseRef,
    note: string,
    actor: ActorContext,
  ): Promise<void> {
    await this.transitionIn(db, ref.id, { to: 'in_progress', version: ref.version, note }, actor);
  }

  /**
   * A desk picked at intake overrides the routing rules (a walk-in at a regional desk, or the
   * center handing a caller straight to the desk they asked for). Regional staff may only log to
   * their own desk: a case logged elsewhere would vanish from their view the moment it is saved.
   */
  private async chosenDesk(
    db: EntityManager,
    deskId: string,
    principal: Principal,
  ): Promise<string> {
    if (!(await this.desks.isActive(deskId, db))) {
      throw validationError('deskId', 'is not an active desk');
    }
    if (principal.role === 'desk_staff' && deskId !== principal.deskId) {
      throw validationError('deskId', 'must be your own desk');
    }
    return deskId;
  }

  async get(id: string, actor: ActorContext): Promise<CaseDto> {
    // The scoped read's row is the page's: the case is read once (docs/benchmarks.md,
    // "Statements per request").
    const row = await this.findScoped(id, actor.principal!);
    await this.audit.record(actor, { action: 'case.viewed', entityType: 'case', entityId: id });
    return this.toDto(row, actor.principal!);
  }

  async update(id: string, dto: UpdateCaseDto, actor: ActorContext): Promise<CaseDto> {
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(id, actor.principal!, db, 'change');
      if (dto.assigneeId && dto.assigneeId !== before.assignee_id) {
        await this.assertAssignable(db, dto.assigneeId, before.desk_id);
      }
      if (dto.contactId) {
        const contact = await this.contacts
          .findVisible(dto.contactId, actor.principal!, db)
          .catch(() => null);
        if (!contact || contact.organization_id !== before.organization_id) {
          throw validationError('contactId', 'is not a contact of this case’s organization');
        }
      }
      // The version check is part of the UPDATE: no read-then-write window for lost updates.
      const updated = await this.cases.update(db, id, dto.version, {
        subject: dto.subject ?? null,
        description: dto.description ?? null,
        assigneeId: dto.assigneeId,
        contactId: dto.contactId,
        callDurationSeconds: dto.callDurationSeconds,
        callDirection: dto.callDirection,
      });
      if (!updated) {
        throw this.versionConflict(before.version);
      }
      if (dto.topics) {
        await this.cases.replaceTopics(db, id, dto.topics);
      }
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      const compare = (field: string, from: unknown, to: unknown) => {
        if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) {
          changed[field] = { from, to };
        }
      };
      compare('subject', before.subject, dto.subject);
      compare('description', before.description, dto.description);
      compare('topics', before.topics, dto.topics ? [...dto.topics].sort() : undefined);
      compare('assigneeId', before.assignee_id, dto.assigneeId);
      compare('contactId', before.contact_id, dto.contactId);
      compare('callDurationSeconds', before.call_duration_seconds, dto.callDurationSeconds);
      compare('callDirection', before.call_direction, dto.callDirection);
      if (changed.assigneeId) {
        await this.appendEvent(db, id, actor.principal!.userId, 'assigned', '', {
          assigneeId: dto.assigneeId,
        });
      }
      const edited = Object.keys(changed).filter((f) => f !== 'assigneeId');
      if (edited.length > 0) {
        await this.appendEvent(db, id, actor.principal!.userId, 'edited', '', { fields: edited });
      }
      await this.audit.record(
        actor,
        { action: 'case.updated', entityType: 'case', entityId: id, changes: changed },
        db,
      );
    });
    return this.load(id, actor.principal!);
  }

  async transition(id: string, dto: TransitionDto, actor: ActorContext): Promise<CaseDto> {
    await this.dataSource.transaction((db) => this.transitionIn(db, id, dto, actor));
    return this.load(id, actor.principal!);
  }

  private async transitionIn(
    db: EntityManager,
    id: string,
    dto: TransitionDto,
    actor: ActorContext,
  ): Promise<void> {
    const before = await this.findScoped(id, actor.principal!, db, 'change');
    if (before.version !== dto.version) {
      throw this.versionConflict(before.version);
    }
    const check = validateTransition({
      from: before.status,
      to: dto.to,
      outcome: dto.outcome,
      outcomeConfirmedOn: dto.outcomeConfirmedOn,
      notAdoptedReason: dto.notAdoptedReason,
    });
    if (!check.ok) {
      const message =
        check.code === 'CASE_TRANSITION_NOT_ALLOWED'
          ? `A case cannot go from ${before.status} to ${dto.to}.`
          : check.code === 'CASE_OUTCOME_REQUIRED'
            ? 'Closing a case needs its outcome and the date it was confirmed.'
            : 'Say why telework was not adopted.';
      throw new AppError(
        check.code,
        message,
        check.field
          ? [{ field: check.field, message: 'is required', constraint: 'isNotEmpty' }]
          : undefined,
        { status: before.status },
      );
    }
    const closing = dto.to === 'closed';
    const reopening = before.status === 'closed' || before.status === 'resolved';
    const moved = await this.cases.transition(db, id, dto.version, {
      to: dto.to,
      from: before.status,
      closing,
      clearOutcome: reopening && !closing,
      outcome: dto.outcome ?? null,
      outcomeConfirmedOn: dto.outcomeConfirmedOn ?? null,
      notAdoptedReason: dto.outcome === 'not_adopted' ? (dto.notAdoptedReason ?? null) : null,
    });
    if (!moved) {
      throw this.versionConflict(before.version);
    }
    await this.pauseOrResumeSla(db, before, dto.to);
    await this.appendEvent(db, id, actor.principal!.userId, 'status_changed', dto.note ?? '', {
      from: before.status,
      to: dto.to,
      ...(closing ? { outcome: dto.outcome, outcomeConfirmedOn: dto.outcomeConfirmedOn } : {}),
    });
    if (closing && dto.outcome === 'adopted') {
      await this.recordTeleworkFact(db, id, before.organization_id, 'case_closed_adopted', actor);
    }
    await this.audit.record(
      actor,
      {
        action: 'case.transitioned',
        entityType: 'case',
        entityId: id,
        changes: { status: { from: before.status, to: dto.to } },
      },
      db,
    );
  }

  async addEvent(id: string, dto: CreateEventDto, actor: ActorContext): Promise<CaseEventDto> {
    return this.dataSource.transaction(async (db) => {
      await this.findScoped(id, actor.principal!, db, 'change');
      const data: Record<string, unknown> = {};
      if (dto.kind === 'call') {
        data.direction = dto.direction ?? 'outbound';
        if (dto.durationSeconds !== undefined) {
          data.durationSeconds = dto.durationSeconds;
        }
      }
      if (dto.isAnswer) {
        data.isAnswer = true;
      }
      const eventId = await this.appendEvent(
        db,
        id,
        actor.principal!.userId,
        dto.kind,
        dto.body,
        data,
      );
      // The first outgoing call or email, or a note marked as the answer, is the first response.
      const responds =
        dto.kind === 'email_out' ||
        (dto.kind === 'call' && data.direction === 'outbound') ||
        dto.isAnswer === true;
      if (responds) {
        await this.cases.markFirstResponded(db, id);
      }
      await this.audit.record(
        actor,
        { action: `case.event_${dto.kind}`, entityType: 'case', entityId: id },
        db,
      );
      const [event] = await this.events(db, id, eventId);
      return event!;
    });
  }

  async timeline(id: string, principal: Principal): Promise<CaseEventDto[]> {
    await this.findScoped(id, principal);
    return this.events(this.dataSource.manager, id);
  }

  /**
   * The SLA clocks stop while the case waits on the customer: entering that state notes when,
   * and leaving it moves the open due times on by the business hours the pause lasted.
   */
  private async pauseOrResumeSla(db: EntityManager, before: CaseRow, to: string): Promise<void> {
    if (to === 'waiting_on_customer') {
      await this.cases.pauseSla(db, before.id);
      return;
    }
    if (before.status !== 'waiting_on_customer' || !before.sla_paused_since) {
      return;
    }
    const hours = await this.sla.pausedHours(
      db,
      before.desk_id,
      before.sla_paused_since,
      this.clock.now(),
    );
    // A clock that had already run out when the pause began stays run out: parking an overdue
    // case with the customer must not hide the breach.
    const pausedAt = before.sla_paused_since;
    const running = (due: Date | null): due is Date => due !== null && due > pausedAt;
    const firstResponseDue =
      running(before.first_response_due_at) && !before.first_responded_at
        ? await this.sla.shift(db, before.desk_id, before.first_response_due_at, hours)
        : before.first_response_due_at;
    const resolutionDue = running(before.resolution_due_at)
      ? await this.sla.shift(db, before.desk_id, before.resolution_due_at, hours)
      : before.resolution_due_at;
    await this.cases.resumeSla(db, before.id, firstResponseDue, resolutionDue);
  }

  /**
   * The case if the principal may see it; 404 otherwise, whether it exists or not. For a change
   * (`access: 'change'`), a case merely offered to the principal's desk answers 403
   * TRANSFER_NOT_ACCEPTED: it can be read, not worked, until the transfer is accepted.
   */
  async findScoped(
    id: string,
    principal: Principal,
    db: EntityManager = this.dataSource.manager,
    access: 'read' | 'change' = 'read',
  ): Promise<CaseRow> {
    const row = await this.cases.findScoped(db, id, principal);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such case.');
    }
    if (access === 'change') {
      assertMayChangeCase(principal, row.desk_id);
    }
    return row;
  }

  /** Whether the organization has (had) a case on the desk: a regional desk's business. */
  async organizationHasCaseOnDesk(
    db: EntityManager,
    organizationId: string,
    deskId: string,
  ): Promise<boolean> {
    return this.cases.organizationHasCaseOnDesk(db, organizationId, deskId);
  }

  private async load(id: string, principal: Principal): Promise<CaseDto> {
    const row = await this.cases.load(id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such case.');
    }
    return this.toDto(row, principal);
  }

  /** The case as the API answers it, with its organization and (where visible) its contact. */
  private async toDto(row: CaseRow, principal: Principal): Promise<CaseDto> {
    const organization = await this.organizations.get(row.organization_id);
    const contact = row.contact_id ? await this.contacts.dtoFor(row.contact_id, principal) : null;
    return caseDto(row, { organization, contact });
  }

  private async events(
    db: EntityManager,
    caseId: string,
    onlyId?: string,
  ): Promise<CaseEventDto[]> {
    const rows = await this.cases.events(db, caseId, onlyId);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      body: r.body,
      data: r.data,
    }));
  }

  /** A merge moves the duplicate organization's cases to the survivor. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<number> {
    return this.cases.moveToOrganization(db, fromOrganizationId, toOrganizationId);
  }

  async countForOrganization(organizationId: string): Promise<number> {
    return this.cases.countForOrganization(organizationId);
  }

  /**
   * A fact on this case that shows how far the organization's telework has come moves its
   * status forward (never back), and the case's timeline says so.
   */
  async recordTeleworkFact(
    db: EntityManager,
    caseId: string,
    organizationId: string,
    fact: TeleworkFact,
    actor: ActorContext,
  ): Promise<void> {
    const change = await this.organizations.advanceTeleworkStatus(db, organizationId, fact, actor, {
      caseId,
    });
    if (change) {
      await this.caseEvents.append(db, {
        caseId,
        kind: 'telework_status_changed',
        actorId: actor.principal?.userId ?? null,
        data: { organizationId, from: change.from, to: change.to, source: change.source },
      });
    }
  }

  private async appendEvent(
    db: EntityManager,
    caseId: string,
    actorId: string | null,
    kind: CaseEventKind,
    body: string,
    data: Record<string, unknown>,
  ): Promise<string> {
    return this.caseEvents.append(db, { caseId, kind, actorId, body, data });
  }

  /**
   * Who may take the case: anyone who can see and work it — the national center's operators and
   * the owning desk's staff (see `assigneeCondition`) — plus whoever holds it now.
   */
  async assignees(id: string, principal: Principal): Promise<AssigneeDto[]> {
    const kase = await this.findScoped(id, principal);
    return this.cases.assignees(kase.desk_id, kase.assignee_id);
  }

  private async assertAssignable(
    db: EntityManager,
    userId: string,
    caseDeskId: string,
  ): Promise<void> {
    if (!(await this.cases.isAssignable(db, userId, caseDeskId))) {
      throw validationError(
        'assigneeId',
        'must be an active member of the case’s desk or of the national center',
      );
    }
  }

  private versionConflict(currentVersion: number): AppError {
    return new AppError(
      'CASE_VERSION_CONFLICT',
      'Someone else changed this case; reload to see their change.',
      undefined,
      {
        currentVersion,
      },
    );
  }
}
