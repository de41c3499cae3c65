import { formatJapanesePhone, mayAccessContact, normalizeJapanesePhone } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { type AuditRecord, AuditService, diff } from '../audit/audit.service';
import { type ContactRow, ContactsRepository } from './contacts.repository';
import type {
  ContactDto,
  ContactHitListDto,
  ContactListDto,
  CreateContactDto,
  UpdateContactDto,
} from './dto/contact.dto';
import { emailQuery } from './organization-search';
import { OrganizationsService } from './organizations.service';

const toDto = (c: ContactRow): ContactDto => ({
  id: c.id,
  organizationId: c.organization_id,
  name: c.name,
  nameKana: c.name_kana,
  title: c.title,
  phone: c.phone ? formatJapanesePhone(c.phone) : null,
  email: c.email,
  contactConsent: c.contact_consent,
  active: c.active,
  leftAt: c.left_at?.toISOString() ?? null,
  surveyOptOutAt: c.survey_opt_out_at?.toISOString() ?? null,
  version: c.version,
});

/** How a caller that already holds the contact's organization takes part in its creation. */
export interface NewContactOptions {
  /** The caller read the organization in this transaction: it is not read again. */
  organizationFound?: boolean;
  /**
   * The caller created the organization in this transaction with this contact's phone in its
   * search text (OrganizationsService.insert's contactPhoneInSearchText): it is neither read
   * again nor is its search text rewritten.
   */
  organizationCreated?: boolean;
  /**
   * The audit record goes here, for the caller to write with its own (AuditService.recordAll,
   * or AuditService.entries inside intake's case statement).
   */
  audit?: AuditRecord[];
}

/**
 * Contact people are personal information: every detail view and change is audited, and only
 * those whose task needs a contact get it (contactVisibility); to anyone else it does not exist.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly repository: ContactsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The contacts the actor may see; the marker says whether others were left out. */
  async listOf(organizationId: string, actor: ActorContext): Promise<ContactListDto> {
    await this.organizations.find(organizationId);
    const rows = await this.repository.visibleOf(organizationId, actor.principal!);
    const hidden = await this.repository.hiddenOf(organizationId, actor.principal!);
    await this.audit.record(actor, {
      action: 'contact.listed',
      entityType: 'organization',
      entityId: organizationId,
      meta: { contacts: rows.length, hidden },
    });
    return { items: rows.map(toDto), nextCursor: null, contactsHidden: hidden > 0 };
  }

  /**
   * The search box's contact hits for a whole address: only contacts the actor may see (audited
   * as a view of their data). 400 on `email` when it is not an address: no prefix probing.
   */
  async searchByEmail(q: string, actor: ActorContext): Promise<ContactHitListDto> {
    const email = emailQuery(q);
    if (!email) {
      throw validationError('email', 'email must be a whole email address');
    }
    const rows = await this.repository.visibleByEmail(email, actor.principal!, 5);
    if (rows.length > 0) {
      await this.audit.record(actor, {
        action: 'contact.searched',
        entityType: 'contact',
        entityId: rows[0]!.id,
        meta: { contacts: rows.map((r) => r.id) },
      });
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        name: r.name,
        email: r.email,
        active: r.active,
      })),
    };
  }

  async get(id: string, actor: ActorContext): Promise<ContactDto> {
    const contact = await this.findVisible(id, actor.principal!);
    await this.audit.record(actor, {
      action: 'contact.viewed',
      entityType: 'contact',
      entityId: id,
    });
    return toDto(contact);
  }

  async create(
    organizationId: string,
    dto: CreateContactDto,
    actor: ActorContext,
    db?: EntityManager,
  ): Promise<ContactDto> {
    const run = async (m: EntityManager) => toDto(await this.insert(m, organizationId, dto, actor));
    return db ? run(db) : this.dataSource.transaction(run);
  }

  async insert(
    db: EntityManager,
    organizationId: string,
    dto: CreateContactDto,
    actor: ActorContext,
    options: NewContactOptions = {},
  ): Promise<ContactRow> {
    if (!options.organizationFound && !options.organizationCreated) {
      await this.organizations.find(organizationId, db);
    }
    const phone = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
    const row = await this.repository.insert(db, {
      organization_id: organizationId,
      name: dto.name,
      name_kana: dto.nameKana ?? null,
      title: dto.title ?? null,
      phone,
      email: dto.email ?? null,
      contact_consent: dto.contactConsent ?? true,
    });
    if (phone && !options.organizationCreated) {
      await this.organizations.refreshSearchText(db, organizationId);
    }
    const record: AuditRecord = {
      action: 'contact.created',
      entityType: 'contact',
      entityId: row.id,
      meta: { organizationId },
    };
    if (options.audit) {
      options.audit.push(record);
    } else {
      await this.audit.record(actor, record, db);
    }
    return row;
  }

  /** dtoFor of a contact findVisible has just answered for the principal: not read again. */
  visibleDto(row: ContactRow): ContactDto {
    return toDto(row);
  }

  /**
   * dtoFor of a contact created with a case just written, without reading it again: that case
   * alone names it, so contactVisibility's rule is decided on it (libs/domain mayAccessContact).
   */
  dtoOfNew(
    row: ContactRow,
    principal: Principal,
    onlyCase: { deskId: string; transferToDeskId: string | null },
  ): ContactDto | null {
    return mayAccessContact(principal, [{ ...onlyCase, expertUserIds: [] }]) ? toDto(row) : null;
  }

  /**
   * The contact an email sender is, by exact address (case-insensitive): a present contact of a
   * live organization, the most recently updated when several match. For inbound mail only.
   */
  async findByEmail(
    db: EntityManager,
    email: string,
  ): Promise<{ id: string; organizationId: string } | null> {
    const row = await this.repository.presentByEmail(db, email);
    return row ? { id: row.id, organizationId: row.organization_id } : null;
  }

  /**
   * The present contact of one organization with this address or phone (E.164), address first:
   * an attendee list names people who may already be on file. For imports inside their transaction.
   */
  async findInOrganization(
    db: EntityManager,
    organizationId: string,
    keys: { email: string | null; phone: string | null },
  ): Promise<{ id: string } | null> {
    if (!keys.email && !keys.phone) {
      return null;
    }
    const id = await this.repository.presentOf(db, organizationId, keys.email, keys.phone);
    return id ? { id } : null;
  }

  async update(id: string, dto: UpdateContactDto, actor: ActorContext): Promise<ContactDto> {
    return this.dataSource.transaction(async (db) => {
      const before = await this.findVisible(id, actor.principal!, db);
      const next = {
        name: dto.name ?? before.name,
        name_kana: dto.nameKana === undefined ? before.name_kana : dto.nameKana,
        title: dto.title === undefined ? before.title : dto.title,
        phone:
          dto.phone === undefined
            ? before.phone
            : dto.phone === null
              ? null
              : normalizeJapanesePhone(dto.phone),
        email: dto.email === undefined ? before.email : dto.email,
        contact_consent: dto.contactConsent ?? before.contact_consent,
        active: dto.active ?? before.active,
      };
      // left_at records since when the person is gone; coming back clears it.
      const after = await this.repository.update(db, id, dto.version, next);
      if (!after) {
        throw new AppError(
          'CONTACT_VERSION_CONFLICT',
          'Someone else changed this contact.',
          undefined,
          {
            currentVersion: before.version,
          },
        );
      }
      if (next.phone !== before.phone) {
        await this.organizations.refreshSearchText(db, before.organization_id);
      }
      // Personal data: record which fields changed, not their values (whether the person is
      // still there is not personal data, and supervision wants to see it).
      const changed = Object.keys(diff(before, next));
      await this.audit.record(
        actor,
        {
          action: 'contact.updated',
          entityType: 'contact',
          entityId: id,
          meta: {
            fields: changed,
            ...(next.active !== before.active
              ? { active: { from: before.active, to: next.active } }
              : {}),
          },
        },
        db,
      );
      return toDto(after);
    });
  }

  /**
   * A contact for embedding in a case (the case view is audited as a whole); null for one the
   * principal may not see.
   */
  /**
   * The contact asked (by their survey link) to get no more satisfaction surveys. Kept apart from
   * contact_consent: they may still want the desk to call them back. Not a staff edit, so the
   * version stays and no one's form goes stale; the first opt-out's time is kept.
   */
  async optOutOfSurveys(db: EntityManager, id: string, actor: ActorContext): Promise<void> {
    if (await this.repository.optOutOfSurveys(db, id)) {
      await this.audit.record(
        actor,
        { action: 'contact.survey_opted_out', entityType: 'contact', entityId: id },
        db,
      );
    }
  }

  async dtoFor(id: string, principal: Principal): Promise<ContactDto | null> {
    const row = await this.visible(id, principal, this.dataSource.manager);
    return row ? toDto(row) : null;
  }

  /** The contact if the principal may see it; 404 otherwise, whether it exists or not. */
  async findVisible(
    id: string,
    principal: Principal,
    db: EntityManager = this.dataSource.manager,
  ): Promise<ContactRow> {
    const row = await this.visible(id, principal, db);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such contact.');
    }
    return row;
  }

  private async visible(
    id: string,
    principal: Principal,
    db: EntityManager,
  ): Promise<ContactRow | undefined> {
    return (await this.repository.visible(db, id, principal)) ?? undefined;
  }
}
