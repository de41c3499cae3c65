import {
  emailDomain,
  factTarget,
  formatJapanesePhone,
  normalizeJapanesePhone,
  normalizeOrganizationName,
  statusesBelow,
  type TeleworkFact,
  type TeleworkStatus,
  type TeleworkStatusSource,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { decodeCursor, encodeCursor } from '../../common/http/keyset-cursor';
import { ReferenceCache } from '../../database/reference-cache';
import { type AuditRecord, AuditService, diff } from '../audit/audit.service';
import type {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import type {
  DuplicateCandidateDto,
  DuplicateQueryDto,
  DuplicateMatch,
  PossibleDuplicateDto,
} from './dto/duplicates.dto';
import { contactVisibility } from './contact-visibility';
import { type ContactRow, ContactsRepository } from './contacts.repository';
import type { CreateContactDto } from './dto/contact.dto';
import { derivedFields, emailQuery, normalizeQuery, numberQuery } from './organization-search';
import {
  type DuplicateProbe,
  type DuplicateRow,
  type Organization,
  OrganizationsRepository,
  SEARCH_WALK_CAP,
  searchDenseWindow,
} from './organizations.repository';
import {
  type OrganizationAllowance,
  type ProgramSessionTerms,
  SessionAllowanceSource,
  type SessionGrantRow,
  toSessionGrantDto,
} from './session-allowance';

const PG_UNIQUE_VIOLATION = '23505';

function toDto(
  o: Organization,
  allowance: OrganizationAllowance | undefined,
  grants: SessionGrantRow[],
): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    nameKana: o.nameKana,
    corporateNumber: o.corporateNumber,
    prefectureCode: o.prefectureCode,
    industryCode: o.industryCode,
    industrySubcode: o.industrySubcode,
    smeSector: o.smeSector,
    employees: o.employees,
    capitalYen: o.capitalYen,
    address: o.address,
    sme: o.sme,
    smeReason: o.smeReason,
    teleworkStatus: o.teleworkStatus,
    teleworkStatusSource: o.teleworkStatusSource,
    teleworkStatusReason: o.teleworkStatusReason,
    teleworkStatusChangedAt: o.teleworkStatusChangedAt?.toISOString() ?? null,
    duplicateOverrideReason: o.duplicateOverrideReason,
    chamberMember: o.chamberMember,
    phone: o.phone ? formatJapanesePhone(o.phone) : null,
    notes: o.notes,
    sessionAllowance: allowance
      ? {
          limit: allowance.limit,
          used: allowance.used,
          remaining: allowance.remaining,
          period: allowance.period,
          fiscalYear: allowance.fiscalYear,
        }
      : { limit: 0, used: 0, remaining: 0, period: 'lifetime', fiscalYear: null },
    sessionGrants: grants.map(toSessionGrantDto),
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** Fields the survivor of a merge takes from the duplicate when it has none of its own. */
const MERGE_FILLABLE = [
  'nameKana',
  'corporateNumber',
  'prefectureCode',
  'address',
  'industryCode',
  'smeSector',
  'employees',
  'capitalYen',
  'phone',
] as const;
type MergeFill = (typeof MERGE_FILLABLE)[number] | 'industrySubcode';
type MergeFields = Record<MergeFill, unknown> & {
  industryCode: string | null;
  industrySubcode: string | null;
};

/**
 * The fields a merge's survivor takes from the duplicate: those it lacks, and the finer industry
 * code only when it sits under the major group the survivor ends up with.
 */
function mergeFills(survivor: MergeFields, duplicate: MergeFields): MergeFill[] {
  const fills: MergeFill[] = MERGE_FILLABLE.filter(
    (key) => survivor[key] === null && duplicate[key] !== null,
  );
  const industryCode = survivor.industryCode ?? duplicate.industryCode;
  if (
    survivor.industrySubcode === null &&
    duplicate.industrySubcode !== null &&
    industryCode === duplicate.industryCode
  ) {
    fills.push('industrySubcode');
  }
  return fills;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

export type { DuplicateProbe } from './organizations.repository';

/** What the new organization's contact says about it, for the duplicate check. */
export interface NewContactHints {
  phone?: string | null;
  email?: string | null;
}

/** How a caller creating the organization together with its first contact takes part. */
export interface NewOrganizationOptions {
  /**
   * The caller creates the contact of the hints in this transaction, with this phone, and tells
   * ContactsService.insert so (organizationCreated): the search text holds the contact's phone
   * from the start instead of being read and rewritten once the contact is there.
   */
  contactPhoneInSearchText?: boolean;
  /**
   * The audit record goes here, for the caller to write with its own (AuditService.recordAll,
   * or AuditService.entries inside intake's case statement).
   */
  audit?: AuditRecord[];
}

@Injectable()
export class OrganizationsService {
  /** SEARCH_WALK_CAP; tests shorten it to reach the fill on a small database. */
  searchWalkCap = SEARCH_WALK_CAP;
  /** searchDenseWindow's answer when set; tests set it, a small database has none. */
  searchDenseWindow: number | null = null;
  /** The organizations' number as the planner estimates it, read at most once a minute. */
  private readonly organizationEstimate = new ReferenceCache<number>(60_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsRepository,
    private readonly contacts: ContactsRepository,
    private readonly allowances: SessionAllowanceSource,
  ) {}

  async create(
    dto: CreateOrganizationDto,
    actor: ActorContext,
    db?: EntityManager,
  ): Promise<OrganizationDto> {
    const run = async (m: EntityManager) => this.dto(await this.insert(m, dto, actor), m);
    return db ? run(db) : this.dataSource.transaction(run);
  }

  /**
   * Inserts inside the caller's transaction (intake creates the organization with the case).
   * A likely duplicate answers 409 ORGANIZATION_POSSIBLE_DUPLICATE unless the caller states why
   * it is another organization: a second record would mean a second free-session allowance.
   */
  async insert(
    db: EntityManager,
    dto: CreateOrganizationDto,
    actor: ActorContext,
    contact: NewContactHints = {},
    options: NewOrganizationOptions = {},
  ): Promise<Organization> {
    return (await this.store(db, dto, actor, contact, options, null)).organization;
  }

  /**
   * insert() with the organization's first contact, both in one statement (an intake's new
   * organization and new contact): the contact's phone is in the search text from the start, and
   * its audit record goes with the organization's.
   */
  async insertWithFirstContact(
    db: EntityManager,
    dto: CreateOrganizationDto,
    actor: ActorContext,
    firstContact: CreateContactDto,
    options: Pick<NewOrganizationOptions, 'audit'> = {},
  ): Promise<{ organization: Organization; contact: ContactRow }> {
    const created = await this.store(
      db,
      dto,
      actor,
      firstContact,
      { ...options, contactPhoneInSearchText: true },
      firstContact,
    );
    return { organization: created.organization, contact: created.contact! };
  }

  private async store(
    db: EntityManager,
    dto: CreateOrganizationDto,
    actor: ActorContext,
    contact: NewContactHints,
    options: NewOrganizationOptions,
    firstContact: CreateContactDto | null,
  ): Promise<{ organization: Organization; contact: ContactRow | null }> {
    const phone = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
    const contactPhone = contact.phone ? normalizeJapanesePhone(contact.phone) : null;
    const overrideReason = dto.duplicateOverrideReason ?? null;
    // With a stated reason only the corporate number's unique index still refuses (below).
    if (!overrideReason) {
      await this.refuseDuplicates(db, {
        nameKey: normalizeOrganizationName(dto.name) || null,
        prefectureCode: dto.prefectureCode ?? null,
        phones: [phone, contactPhone].filter((p): p is string => !!p),
        emailDomain: contact.email ? emailDomain(contact.email) : null,
        corporateNumber: dto.corporateNumber ?? null,
      });
    }
    const row = {
      name: dto.name,
      nameKana: dto.nameKana ?? null,
      corporateNumber: dto.corporateNumber ?? null,
      industryCode: dto.industryCode ?? null,
      industrySubcode: dto.industrySubcode ?? null,
      smeSector: dto.smeSector ?? null,
      employees: dto.employees ?? null,
      capitalYen: dto.capitalYen ?? null,
    };
    // The phones refreshSearchText would find once the contact is stored: it has no other.
    const derived = derivedFields({
      ...row,
      phones: options.contactPhoneInSearchText ? [phone, contactPhone] : [phone],
    });
    let created: Organization;
    let createdContact: ContactRow | null = null;
    try {
      const organization = {
        ...row,
        prefectureCode: dto.prefectureCode ?? null,
        address: dto.address ?? null,
        teleworkStatus: dto.teleworkStatus ?? 'not_started',
        chamberMember: dto.chamberMember ?? false,
        phone,
        notes: dto.notes ?? '',
        sme: derived.sme,
        smeReason: derived.smeReason,
        nameNormalized: derived.nameNormalized,
        searchText: derived.searchText,
        duplicateOverrideReason: overrideReason,
      };
      if (firstContact) {
        ({ organization: created, contact: createdContact } =
          await this.organizations.insertWithFirstContact(db, organization, {
            name: firstContact.name,
            name_kana: firstContact.nameKana ?? null,
            title: firstContact.title ?? null,
            phone: contactPhone,
            email: firstContact.email ?? null,
            contact_consent: firstContact.contactConsent ?? true,
          }));
      } else {
        created = await this.organizations.insert(db, organization);
      }
    } catch (error) {
      if (
        (error as { code?: string; constraint?: string }).constraint ===
        'organization_corporate_number_key'
      ) {
        const existingId = await this.organizations.liveIdByCorporateNumber(row.corporateNumber);
        throw new AppError(
          'ORGANIZATION_DUPLICATE',
          'An organization with this corporate number already exists.',
          [{ field: 'corporateNumber', message: 'is already registered' }],
          { existingId },
        );
      }
      if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'The organization conflicts with an existing one.');
      }
      throw error;
    }
    const record: AuditRecord = {
      action: 'organization.created',
      entityType: 'organization',
      entityId: created.id,
      changes: diff({}, { ...row, phone }),
      ...(overrideReason ? { meta: { duplicateOverrideReason: overrideReason } } : {}),
    };
    const records: AuditRecord[] = [record];
    if (createdContact) {
      // As ContactsService.insert records a contact.
      records.push({
        action: 'contact.created',
        entityType: 'contact',
        entityId: createdContact.id,
        meta: { organizationId: created.id },
      });
    }
    if (options.audit) {
      options.audit.push(...records);
    } else {
      await this.audit.recordAll(actor, records, db);
    }
    return { organization: created, contact: createdContact };
  }

  async get(id: string): Promise<OrganizationDto> {
    return this.dto(await this.find(id));
  }

  /**
   * get() of an organization already read (or just stored): its sessions and grants are still
   * counted, outside any transaction, as get() counts them.
   */
  async dtoOf(o: Organization): Promise<OrganizationDto> {
    return this.dto(o);
  }

  /**
   * get() of an organization stored by a transaction that has just committed: it can have no
   * sessions and no grants yet, so its allowance is the program's terms alone and nothing is
   * counted.
   */
  async dtoOfNew(o: Organization): Promise<OrganizationDto> {
    return toDto(o, await this.allowances.unused(), []);
  }

  /** With the free-session allowance and grants, counted in the caller's transaction. */
  private async dto(
    o: Organization,
    db: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationDto> {
    const [dto] = await this.dtos([o], db);
    return dto!;
  }

  private async dtos(
    organizations: Organization[],
    db: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationDto[]> {
    const ids = organizations.map((o) => o.id);
    const { allowances, grants } = await this.allowances.withGrants(db, ids);
    return organizations.map((o) =>
      toDto(
        o,
        allowances.get(o.id),
        grants.filter((g) => g.organization_id === o.id),
      ),
    );
  }

  async update(
    id: string,
    dto: UpdateOrganizationDto,
    actor: ActorContext,
  ): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (db) => {
      // Locked before the contacts' phones are read for the search text (see refreshSearchText).
      const before = await this.find(id, db, true);
      const statusChanged =
        dto.teleworkStatus !== undefined && dto.teleworkStatus !== before.teleworkStatus;
      if (statusChanged && !dto.teleworkStatusReason) {
        throw validationError(
          'teleworkStatusReason',
          'is required when the telework status is set by hand',
        );
      }
      const next = {
        name: dto.name ?? before.name,
        nameKana: dto.nameKana === undefined ? before.nameKana : dto.nameKana,
        corporateNumber:
          dto.corporateNumber === undefined ? before.corporateNumber : dto.corporateNumber,
        prefectureCode:
          dto.prefectureCode === undefined ? before.prefectureCode : dto.prefectureCode,
        address: dto.address === undefined ? before.address : dto.address,
        industryCode: dto.industryCode === undefined ? before.industryCode : dto.industryCode,
        industrySubcode:
          dto.industrySubcode === undefined ? before.industrySubcode : dto.industrySubcode,
        smeSector: dto.smeSector === undefined ? before.smeSector : dto.smeSector,
        employees: dto.employees === undefined ? before.employees : dto.employees,
        capitalYen: dto.capitalYen === undefined ? before.capitalYen : dto.capitalYen,
        teleworkStatus: dto.teleworkStatus ?? before.teleworkStatus,
        chamberMember: dto.chamberMember ?? before.chamberMember,
        phone:
          dto.phone === undefined
            ? before.phone
            : dto.phone === null
              ? null
              : normalizeJapanesePhone(dto.phone),
        notes: dto.notes ?? before.notes,
      };
      const contactPhones = await this.organizations.contactPhones(db, id);
      const derived = derivedFields({ ...next, phones: [next.phone, ...contactPhones] });
      let updated: boolean;
      try {
        updated = await this.organizations.update(db, id, dto.version, {
          ...next,
          sme: derived.sme,
          smeReason: derived.smeReason,
          nameNormalized: derived.nameNormalized,
          searchText: derived.searchText,
          statusChanged,
          manualStatusReason: statusChanged ? (dto.teleworkStatusReason ?? null) : null,
        });
      } catch (error) {
        if ((error as { constraint?: string }).constraint === 'organization_corporate_number_key') {
          throw new AppError(
            'ORGANIZATION_DUPLICATE',
            'Another organization has this corporate number.',
            [{ field: 'corporateNumber', message: 'is already registered' }],
          );
        }
        throw error;
      }
      if (!updated) {
        throw new AppError(
          'ORGANIZATION_VERSION_CONFLICT',
          'Someone else changed this organization.',
          undefined,
          {
            currentVersion: before.version,
          },
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'organization.updated',
          entityType: 'organization',
          entityId: id,
          changes: diff(before, next),
          ...(statusChanged ? { meta: { teleworkStatusReason: dto.teleworkStatusReason } } : {}),
        },
        db,
      );
      return this.dto(await this.find(id, db), db);
    });
  }

  /** Typeahead and search: name, reading (any kana form), corporate number, phone; 2 characters suffice. */
  async search(query: OrganizationQueryDto): Promise<OrganizationListDto> {
    const limit = query.limit ?? 20;
    const email = query.q ? emailQuery(query.q) : null;
    if (email) {
      // A contact's address finds the organization; the result carries no contact.
      const rows = await this.organizations.searchByEmail(email, limit);
      return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
    }
    const number = query.q ? numberQuery(query.q) : null;
    if (number) {
      // A whole phone or corporate number: the organizations that have exactly it.
      const rows = await this.organizations.searchByNumber(number, limit);
      return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
    }
    const q = query.q ? normalizeQuery(query.q) : '';
    if (!q) {
      return this.browse(limit, query.cursor);
    }
    const like = escapeLike(q);
    if ([...q].length < 2) {
      // Single-character typeahead: a prefix match on the normalised text (btree, in order).
      const rows = await this.organizations.searchPrefix(like, limit);
      return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
    }
    // The GIN index over bigrams narrows the rows and LIKE checks the exact substring. A rare
    // term matches few rows: rank them all, prefix matches first. A common one (商事 matches
    // tens of thousands) would read and sort them all to return a handful, so past the cap the
    // shortest names containing it are read from the typeahead index, among its first
    // SEARCH_WALK_CAP entries; a page that is still short is filled from the probe's sample,
    // ranked as a rare term's matches are (product decision, issue #17). A term that fills a
    // page among the first few thousand names is surely common and skips the probe, whose
    // bitmap would read every match (searchDenseWindow).
    const window =
      this.searchDenseWindow ??
      searchDenseWindow(
        limit,
        await this.organizationEstimate.get(() => this.organizations.estimatedCount()),
      );
    if (window > 0) {
      // Surely common: a full page among the first names answers as the capped case would.
      const dense = await this.organizations.searchWalk(like, limit, window);
      if (dense.length === limit) {
        return { items: await this.load(dense.map((r) => r.id)), nextCursor: null };
      }
    }
    const probe = await this.organizations.searchProbe(q, like, limit);
    let ids = probe?.ids ?? [];
    if (probe?.capped) {
      const walked = (await this.organizations.searchWalk(like, limit, this.searchWalkCap)).map(
        (r) => r.id,
      );
      ids = [...walked, ...ids.filter((id) => !walked.includes(id))].slice(0, limit);
    }
    return { items: await this.load(ids), nextCursor: null };
  }

  /** Likely duplicates before creating: same normalised name, phone or organization mail domain. */
  async duplicates(query: DuplicateQueryDto): Promise<DuplicateCandidateDto[]> {
    const phone = query.phone ? normalizeJapanesePhone(query.phone) : null;
    const rows = await this.findDuplicates(this.dataSource.manager, {
      nameKey: query.name ? normalizeOrganizationName(query.name) || null : null,
      prefectureCode: query.prefectureCode ?? null,
      phones: phone ? [phone] : [],
      emailDomain: query.email ? emailDomain(query.email) : null,
      corporateNumber: query.corporateNumber ?? null,
    });
    const organizations = new Map((await this.load(rows.map((r) => r.id))).map((o) => [o.id, o]));
    return rows
      .filter((r) => organizations.has(r.id))
      .map((r) => ({ organization: organizations.get(r.id)!, reasons: r.matched_on }));
  }

  /**
   * The organizations a newcomer described by these fields may be, by intake's own duplicate
   * rules (findDuplicates), best first; for imports that match rows instead of asking a person.
   */
  async likelyDuplicates(
    db: EntityManager,
    fields: {
      name: string;
      prefectureCode: string | null;
      phone: string | null;
      email: string | null;
      corporateNumber: string | null;
    },
  ): Promise<{ id: string; name: string; matchedOn: DuplicateMatch[] }[]> {
    const phone = fields.phone ? normalizeJapanesePhone(fields.phone) : null;
    const rows = await this.findDuplicates(db, {
      nameKey: normalizeOrganizationName(fields.name) || null,
      prefectureCode: fields.prefectureCode,
      phones: phone ? [phone] : [],
      emailDomain: fields.email ? emailDomain(fields.email) : null,
      corporateNumber: fields.corporateNumber,
    });
    return rows.map((r) => ({ id: r.id, name: r.name, matchedOn: r.matched_on }));
  }

  /**
   * Refuses a new organization that already exists: the same corporate number (409
   * ORGANIZATION_DUPLICATE), or a likely duplicate (409 ORGANIZATION_POSSIBLE_DUPLICATE). Transaction-scoped advisory locks on every key the new
   * organization could collide on make two intakes of the same newcomer run one after the other,
   * so the second sees the first (read committed: each statement sees what committed before it).
   */
  private async refuseDuplicates(db: EntityManager, probe: DuplicateProbe): Promise<void> {
    const keys = [
      probe.nameKey && `organization-name:${probe.nameKey}`,
      probe.corporateNumber && `organization-cn:${probe.corporateNumber}`,
      ...probe.phones.map((p) => `organization-phone:${p}`),
      probe.emailDomain && `organization-domain:${probe.emailDomain}`,
    ]
      .filter((k): k is string => !!k)
      .sort();
    if (keys.length === 0) {
      return;
    }
    // One fixed order for every transaction, so crossing intakes cannot deadlock.
    await this.organizations.lockDuplicateKeys(db, keys);
    const rows = await this.findDuplicates(db, probe);
    const registered = rows.find((r) => r.matched_on.includes('corporate_number'));
    if (registered) {
      throw new AppError(
        'ORGANIZATION_DUPLICATE',
        'An organization with this corporate number already exists.',
        [{ field: 'corporateNumber', message: 'is already registered' }],
        { existingId: registered.id },
      );
    }
    if (rows.length > 0) {
      const candidates: PossibleDuplicateDto[] = rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefectureCode: r.prefecture_code,
        corporateNumber: r.corporate_number,
        matchedOn: r.matched_on,
      }));
      throw new AppError(
        'ORGANIZATION_POSSIBLE_DUPLICATE',
        'This organization may already be registered: pick it, or give duplicateOverrideReason.',
        undefined,
        { details: { candidates } },
      );
    }
  }

  /**
   * Live organizations a new one may duplicate: the same corporate number; the same normalised
   * name in the same prefecture (or where either prefecture is unknown); the same phone on the
   * organization or a contact; a contact at the same company mail domain. Two different corporate
   * numbers are two legal entities, whatever else they share.
   */
  // A probe without any key finds nothing, without a statement (duplicateCheck).
  private findDuplicates(db: EntityManager, probe: DuplicateProbe): Promise<DuplicateRow[]> {
    return this.organizations.findDuplicates(db, probe);
  }

  /**
   * Moves the telework status forward when a fact on a case shows it (never backward; people
   * set it back by hand with a reason). Answers the change, or null when nothing moved.
   */
  async advanceTeleworkStatus(
    db: EntityManager,
    organizationId: string,
    fact: TeleworkFact,
    actor: ActorContext,
    context: { caseId: string },
  ): Promise<{ from: TeleworkStatus; to: TeleworkStatus; source: TeleworkStatusSource } | null> {
    const target = factTarget(fact);
    const from = await this.organizations.advanceTeleworkStatus(
      db,
      organizationId,
      target.status,
      target.source,
      statusesBelow(target.status),
    );
    if (from === null) {
      return null;
    }
    const change = { from, to: target.status, source: target.source };
    await this.audit.record(
      actor,
      {
        action: 'organization.telework_status_advanced',
        entityType: 'organization',
        entityId: organizationId,
        changes: { teleworkStatus: { from: change.from, to: change.to } },
        meta: { source: change.source, fact, caseId: context.caseId },
      },
      db,
    );
    return change;
  }

  /**
   * The organizations' half of a merge, in the caller's transaction: locks both rows (in a fixed
   * order, so crossing merges cannot deadlock), leaves the duplicate as a tombstone pointing at
   * the survivor, moves its contacts, and fills the survivor's blank fields from it. Cases and
   * sessions are moved by their own modules.
   */
  async absorbDuplicate(
    db: EntityManager,
    survivorId: string,
    duplicateId: string,
    survivorVersion: number,
  ): Promise<{
    survivor: Organization;
    duplicate: Organization;
    contactsMoved: number;
    filled: Record<string, { from: unknown; to: unknown }>;
  }> {
    const locked = await this.organizations.lockPair(db, survivorId, duplicateId);
    const survivor = await this.organizations.find(survivorId, db);
    const duplicate = await this.organizations.find(duplicateId, db);
    if (!survivor || survivor.mergedInto) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
    if (!duplicate || duplicate.mergedInto || locked !== 2) {
      throw validationError('duplicateId', 'is not an organization that can be merged');
    }
    if (survivor.version !== survivorVersion) {
      throw new AppError(
        'ORGANIZATION_VERSION_CONFLICT',
        'Someone else changed this organization.',
        undefined,
        { currentVersion: survivor.version },
      );
    }
    // The tombstone first: the corporate number's uniqueness covers live organizations only.
    // Earlier tombstones of the duplicate then point at the survivor directly.
    await this.organizations.markMerged(db, duplicate.id, survivor.id);
    const contactsMoved = await this.contacts.moveToOrganization(db, duplicate.id, survivor.id);

    const next = { ...survivor };
    const filled: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of mergeFills(survivor, duplicate)) {
      filled[key] = { from: null, to: duplicate[key] };
      (next as Record<string, unknown>)[key] = duplicate[key];
    }
    const notes = [survivor.notes, duplicate.notes].filter((n) => n.trim()).join('\n---\n');
    const contactPhones = await this.organizations.contactPhones(db, survivor.id);
    const derived = derivedFields({ ...next, phones: [next.phone, ...contactPhones] });
    await this.organizations.fillSurvivor(db, survivor.id, {
      ...next,
      notes: notes.slice(0, 10000),
      sme: derived.sme,
      smeReason: derived.smeReason,
      searchText: derived.searchText,
    });
    return { survivor, duplicate, contactsMoved, filled };
  }

  /** What a merge would take from the duplicate: its contacts and its fields the survivor lacks. */
  async absorbPreview(
    source: OrganizationDto,
    target: OrganizationDto,
  ): Promise<{ contacts: number; fills: string[] }> {
    const contacts = await this.contacts.countForOrganization(source.id);
    return { contacts, fills: mergeFills(target, source) };
  }

  /** Which of these organizations are tombstones of a merge. */
  async findMergedInto(ids: string[]): Promise<string[]> {
    return this.organizations.mergedOf(ids);
  }

  /** The program's free-session terms (the allowance before grants). */
  sessionTerms(): Promise<ProgramSessionTerms> {
    return this.allowances.terms();
  }

  /**
   * Keeps the search text in step when a contact's phone changes. Read under the row's lock, as
   * update() reads it: a rename committed meanwhile is in the text, not overwritten by it.
   */
  async refreshSearchText(db: EntityManager, organizationId: string): Promise<void> {
    const o = await this.find(organizationId, db, true);
    const contactPhones = await this.organizations.contactPhones(db, organizationId);
    const derived = derivedFields({ ...o, phones: [o.phone, ...contactPhones] });
    await this.organizations.setSearchText(db, organizationId, derived.searchText);
  }

  /**
   * Locks the organization's row in the caller's transaction, as bookings take it (see
   * SessionsService.book), with its telework status read under the lock; null when there is none.
   */
  lock(
    db: EntityManager,
    id: string,
  ): Promise<{ id: string; teleworkStatus: TeleworkStatus } | null> {
    return this.organizations.lock(db, id);
  }

  /**
   * Locks a live organization's row in the caller's transaction, as bookings, grants and merges
   * take it: nothing lands on an organization a concurrent merge is turning into a tombstone.
   * False when there is no such live organization.
   */
  lockLive(db: EntityManager, id: string): Promise<boolean> {
    return this.organizations.lockLive(db, id);
  }

  /**
   * find() and ContactsService.findVisible in one statement (a known organization's intake with
   * a known contact): the contact is null when the principal may not see it or it is unknown.
   */
  async findWithVisibleContact(
    db: EntityManager,
    id: string,
    contactId: string,
    principal: Principal,
  ): Promise<{ organization: Organization; contact: ContactRow | null }> {
    const params: [string, string, ...unknown[]] = [id, contactId];
    const found = await this.organizations.findWithContact(
      db,
      contactVisibility(principal, params),
      params,
    );
    if (!found) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
    return found;
  }

  /** With `lock`, under the row's lock in the caller's transaction (see refreshSearchText). */
  async find(
    id: string,
    db: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Organization> {
    const organization = await this.organizations.find(id, db, lock);
    if (!organization) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
    return organization;
  }

  private async browse(limit: number, cursor?: string): Promise<OrganizationListDto> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.organizations.browse(limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.load(page.map((r) => r.id)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  private async load(ids: string[]): Promise<OrganizationDto[]> {
    if (ids.length === 0) {
      return [];
    }
    const found = await this.organizations.findMany(ids);
    const byId = new Map(found.map((o) => [o.id, o]));
    return this.dtos(ids.flatMap((id) => byId.get(id) ?? []));
  }
}
