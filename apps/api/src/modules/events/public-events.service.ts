import {
  isOpenForPublicRegistration,
  normalizeJapanesePhone,
  publicCancellation,
} from '@madoguchi/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, type FieldError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuditService } from '../audit/audit.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { PublicGateService } from '../public-inquiries/public-gate.service';
import { CONSENT_VERSION, consentHash } from '../public-inquiries/inquiry-texts';
import { SubmissionShieldService } from '../public-inquiries/submission-shield.service';
import { AttendeeImportService } from './attendee-import.service';
import { PublicEventRegistrationDto } from './dto/public-event.dto';
import { confirmationMail } from './event-mails';
import { type CancelView, EVENT_CANCEL_PAGE_PREFIX, type EventView } from './event-page';
import { EventsRepository } from './events.repository';
import { EventsService, eventView } from './events.service';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** What became of a public registration; the controller answers it as JSON or as the page. */
export type RegistrationOutcome =
  | { kind: 'accepted'; event: EventView; status: 'registered' | 'waitlisted' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused' }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'not_open' }
  | { kind: 'already_registered' };

export type CancelLookup =
  { kind: 'cancellable'; view: CancelView } | { kind: 'unknown' | 'already_cancelled' | 'expired' };

/**
 * The public side of events: the page of a published event, registrations through the public
 * forms' gate and the staff's own seat-keeping (EventsService.addRegistration under the event's
 * row lock), the import's organization matching, and cancellation by the link in the mail.
 */
@Injectable()
export class PublicEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
    private readonly attendees: AttendeeImportService,
    private readonly gate: PublicGateService,
    private readonly shield: SubmissionShieldService,
    private readonly outbox: MailOutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The event as the public sees it, or null when it is not published (or not there). */
  async view(
    id: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<{ view: EventView; open: boolean } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      return null;
    }
    const row = await this.repository.find(db, id);
    if (!row || !row.published) {
      return null;
    }
    return {
      view: eventView(row, row),
      open: isOpenForPublicRegistration(
        { published: row.published, startsAt: row.starts_at },
        new Date(),
      ),
    };
  }

  async register(
    eventId: string,
    raw: unknown,
    context: { actor: ActorContext; formPost: boolean },
  ): Promise<RegistrationOutcome> {
    const gate = await this.gate.screen(raw, PublicEventRegistrationDto, {
      ...context,
      form: 'event registration',
      // The unverified allowance is the inquiry form's (it counts inquiries): the event page
      // always asks for the proof of work.
      allowUnverified: false,
    });
    if (gate.kind !== 'passed') {
      return gate;
    }
    const dto = gate.dto;
    const pow = gate.pow!;
    const token = randomBytes(32).toString('base64url');
    try {
      return await this.dataSource.transaction(async (db): Promise<RegistrationOutcome> => {
        if (!(await this.shield.spend(db, pow))) {
          return this.gate.refuse('challenge_replayed', {
            actor: context.actor,
            form: 'event registration',
          });
        }
        // The event row is locked first: publication and start are read under the same lock
        // that keeps the seats, so nothing slips in after it closed.
        const locked = await this.repository.lock(db, eventId);
        const found = locked && (await this.view(eventId, db));
        if (!found || !found.open) {
          return { kind: 'not_open' };
        }
        const phoneE164 = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
        const decided = await this.attendees.apply(
          db,
          eventId,
          {
            organizationName: dto.organizationName.normalize('NFKC'),
            corporateNumber: null,
            name: dto.name.normalize('NFKC'),
            nameKana: dto.nameKana?.normalize('NFKC') ?? null,
            phone: dto.phone ?? null,
            phoneE164,
            email: dto.email,
            employees: dto.employees ?? null,
            address: null,
            prefectureCode: dto.prefectureCode ?? null,
          },
          context.actor,
          'public',
          {
            cancel_token_sha256: sha256(token),
            consent_version: CONSENT_VERSION,
            consent_text_sha256: consentHash('ja'),
          },
        );
        const status = decided.registrationStatus === 'waitlisted' ? 'waitlisted' : 'registered';
        const after = (await this.view(eventId, db))!.view;
        const row = (await this.repository.find(db, eventId))!;
        const mail = confirmationMail(
          after,
          dto.name,
          status,
          row.online_url,
          `${this.settings.mail.publicUrl}${EVENT_CANCEL_PAGE_PREFIX}${token}`,
        );
        await this.outbox.enqueueExternal(db, { kind: 'event_registered', to: dto.email, ...mail });
        return { kind: 'accepted', event: after, status };
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'EVENT_REGISTRATION_EXISTS') {
        return { kind: 'already_registered' };
      }
      throw error;
    }
  }

  /** What the cancellation link names, without changing anything (the page asks to confirm). */
  async lookup(token: string, db: EntityManager = this.dataSource.manager): Promise<CancelLookup> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      return { kind: 'unknown' };
    }
    const registration = await this.repository.byCancelToken(db, sha256(token));
    const event = registration && (await this.repository.find(db, registration.event_id));
    if (!registration || !event) {
      return { kind: 'unknown' };
    }
    const state = publicCancellation(
      { status: registration.status as 'registered' | 'waitlisted' | 'cancelled' },
      { startsAt: event.starts_at },
      new Date(),
    );
    if (state !== 'cancellable') {
      return { kind: state };
    }
    return {
      kind: 'cancellable',
      view: {
        event: eventView(event, event),
        name: registration.name,
        organizationName: registration.organization_name,
        status: registration.status as 'registered' | 'waitlisted',
      },
    };
  }

  /** Cancels by link: under the event's lock, like staff cancellation, moving the list up. */
  async cancel(token: string, actor: ActorContext): Promise<CancelLookup> {
    return this.dataSource.transaction(async (db) => {
      const before = await this.lookup(token, db);
      if (before.kind !== 'cancellable') {
        return before;
      }
      const registration = (await this.repository.byCancelToken(db, sha256(token)))!;
      const event = (await this.repository.lock(db, registration.event_id))!;
      // Read again under the lock: a second click racing the first finds it cancelled.
      const locked = await this.lookup(token, db);
      if (locked.kind !== 'cancellable') {
        return locked;
      }
      await this.repository.cancel(db, registration.id);
      const promoted = await this.events.promoteWaiting(db, event.id, event.capacity);
      await this.audit.record(
        actor,
        {
          action: 'event.registration_cancelled',
          entityType: 'event_registration',
          entityId: registration.id,
          meta: { eventId: event.id, by: 'link', ...(promoted.length ? { promoted } : {}) },
        },
        db,
      );
      return locked;
    });
  }
}
