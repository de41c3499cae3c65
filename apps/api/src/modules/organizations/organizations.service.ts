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
import { AppError, validationError } from '../../common/errors/app-error';
import { decodeCursor, encodeCursor } from '../../common/http/keyset-cursor';
import { AuditService, diff } from '../audit/audit.service';
import type {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import type {
  DuplicateCandidateDto,
  DuplicateMatch,
  DuplicateQueryDto,
  PossibleDuplicateDto,
} from './dto/duplicates.dto';
import { OrganizationEntity } from './organization.entity';
import { derivedFields, emailQuery, normalizeQuery } from './organization-search';
import {
  type OrganizationAllowance,
  organizationAllowances,
  type ProgramSessionTerms,
  programSessionTerms,
  type SessionGrantRow,
  sessionGrants,
  toSessionGrantDto,
} from './session-allowance';

const PG_UNIQUE_VIOLATION = '23505';

function toDto(
  o: OrganizationEntity,
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

/** What a new organization is compared with to find the one it may duplicate. */
export interface DuplicateProbe {
  /** normalizeOrganizationName of the name; null or empty skips the name test. */
  nameKey: string | null;
  prefectureCode: string | null;
  /** E.164 phones: the organization's and its new contact's. */
  phones: string[];
  /** A company mail domain (free mail already left out by emailDomain). */
  emailDomain: string | null;
  corporateNumber: string | null;
}

interface DuplicateRow {
  id: string;
  name: string;
  prefecture_code: string | null;
  corporate_number: string | null;
  matched_on: DuplicateMatch[];
}

/** What the new organization's contact says about it, for the duplicate check. */
export interface NewContactHints {
  phone?: string | null;
  email?: string | null;
}

/** Above this many substring matches a search stops ranking them all (see search()). */
const SEARCH_PROBE_CAP = 2000;

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
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
  ): Promise<OrganizationEntity> {
    const phone = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
    const overrideReason = dto.duplicateOverrideReason ?? null;
    // With a stated reason only the corporate number's unique index still refuses (below).
    if (!overrideReason) {
      const contactPhone = contact.phone ? normalizeJapanesePhone(contact.phone) : null;
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
    const derived = derivedFields({ ...row, phones: [phone] });
    let id: string;
    try {
      const [inserted] = await db.query<{ id: string }[]>(
        `INSERT INTO organization (name, name_kana, corporate_number, prefecture_code, address, industry_code,
           sme_sector, employees, capital_yen, telework_status, chamber_member, phone, notes, sme, sme_reason,
           name_normalized, search_text, duplicate_override_reason, industry_subcode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
        [
          row.name,
          row.nameKana,
          row.corporateNumber,
          dto.prefectureCode ?? null,
          dto.address ?? null,
          row.industryCode,
          row.smeSector,
          row.employees,
          row.capitalYen,
          dto.teleworkStatus ?? 'not_started',
          dto.chamberMember ?? false,
          phone,
          dto.notes ?? '',
          derived.sme,
          derived.smeReason,
          derived.nameNormalized,
          derived.searchText,
          overrideReason,
          row.industrySubcode,
        ],
      );
      id = inserted!.id;
    } catch (error) {
      if (
        (error as { code?: string; constraint?: string }).constraint ===
        'organization_corporate_number_key'
      ) {
        const [existing] = await this.dataSource.query<{ id: string }[]>(
          `SELECT id FROM organization WHERE corporate_number = $1 AND merged_into IS NULL`,
          [row.corporateNumber],
        );
        throw new AppError(
          'ORGANIZATION_DUPLICATE',
          'An organization with this corporate number already exists.',
          [{ field: 'corporateNumber', message: 'is already registered' }],
          { existingId: existing?.id ?? null },
        );
      }
      if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'The organization conflicts with an existing one.');
      }
      throw error;
    }
    await this.audit.record(
      actor,
      {
        action: 'organization.created',
        entityType: 'organization',
        entityId: id,
        changes: diff({}, { ...row, phone }),
        ...(overrideReason ? { meta: { duplicateOverrideReason: overrideReason } } : {}),
      },
      db,
    );
    return this.find(id, db);
  }

  async get(id: string): Promise<OrganizationDto> {
    return this.dto(await this.find(id));
  }

  /** With the free-session allowance and grants, counted in the caller's transaction. */
  private async dto(
    o: OrganizationEntity,
    db: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationDto> {
    const [dto] = await this.dtos([o], db);
    return dto!;
  }

  private async dtos(
    organizations: OrganizationEntity[],
    db: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationDto[]> {
    const ids = organizations.map((o) => o.id);
    const allowances = await organizationAllowances(db, ids);
    const grants = await sessionGrants(db, ids);
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
      const before = await this.find(id, db);
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
      const contactPhones = await db.query<{ phone: string }[]>(
        `SELECT phone FROM contact WHERE organization_id = $1 AND phone IS NOT NULL`,
        [id],
      );
      const derived = derivedFields({
        ...next,
        phones: [next.phone, ...contactPhones.map((c) => c.phone)],
      });
      let rows: { id: string }[];
      try {
        [rows] = await db.query<[{ id: string }[], number]>(
          `UPDATE organization SET name = $3, name_kana = $4, corporate_number = $5, prefecture_code = $6,
             industry_subcode = $22,
             address = $7, industry_code = $8, sme_sector = $9, employees = $10, capital_yen = $11,
             telework_status = $12, chamber_member = $13, phone = $14, notes = $15, sme = $16, sme_reason = $17,
             name_normalized = $18, search_text = $19, version = version + 1, updated_at = now(),
             telework_status_source = CASE WHEN $20 THEN 'manual' ELSE telework_status_source END,
             telework_status_reason = CASE WHEN $20 THEN $21 ELSE telework_status_reason END,
             telework_status_changed_at = CASE WHEN $20 THEN now() ELSE telework_status_changed_at END
           WHERE id = $1 AND version = $2 RETURNING id`,
          [
            id,
            dto.version,
            next.name,
            next.nameKana,
            next.corporateNumber,
            next.prefectureCode,
            next.address,
            next.industryCode,
            next.smeSector,
            next.employees,
            next.capitalYen,
            next.teleworkStatus,
            next.chamberMember,
            next.phone,
            next.notes,
            derived.sme,
            derived.smeReason,
            derived.nameNormalized,
            derived.searchText,
            statusChanged,
            statusChanged ? dto.teleworkStatusReason : null,
            next.industrySubcode,
          ],
        );
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
      if (rows.length === 0) {
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
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.id IN (SELECT ct.organization_id FROM contact ct WHERE ct.email = $1)
          ORDER BY length(o.name), o.name, o.id LIMIT $2`,
        [email, limit],
      );
      return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
    }
    const q = query.q ? normalizeQuery(query.q) : '';
    if (!q) {
      return this.browse(limit, query.cursor);
    }
    const like = escapeLike(q);
    if ([...q].length < 2) {
      // Single-character typeahead: a prefix match on the normalised text (btree, in order).
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.search_text LIKE $1 || '%'
          ORDER BY length(o.name), o.name, o.id LIMIT $2`,
        [like, limit],
      );
      return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
    }
    // The GIN index over bigrams narrows the rows and LIKE checks the exact substring. A rare
    // term matches few rows: rank them all, prefix matches first. A common one (商事 matches
    // tens of thousands) would read and sort them all to return a handful, so past the cap the
    // shortest names are read straight from the typeahead index in order instead.
    const [probe] = await this.dataSource.query<{ ids: string[] | null; capped: boolean }[]>(
      `WITH hit AS (
         SELECT o.id, o.name, o.search_text FROM organization o
          WHERE o.merged_into IS NULL AND o.search_bigrams @> text_bigrams($1)
            AND o.search_text LIKE '%' || $2 || '%'
          LIMIT ${SEARCH_PROBE_CAP + 1})
       SELECT (SELECT array_agg(id ORDER BY (search_text LIKE $2 || '%') DESC, length(name), name, id)
                 FROM (SELECT * FROM hit ORDER BY (search_text LIKE $2 || '%') DESC, length(name), name, id
                        LIMIT $3) top) AS ids,
              (SELECT count(*) FROM hit) > ${SEARCH_PROBE_CAP} AS capped`,
      [q, like, limit],
    );
    let ids = probe?.ids ?? [];
    if (probe?.capped) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT o.id FROM organization o
          WHERE o.merged_into IS NULL AND o.search_text LIKE '%' || $1 || '%'
          ORDER BY length(o.name), o.name, o.id LIMIT $2`,
        [like, limit],
      );
      ids = rows.map((r) => r.id);
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
    await db.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
         FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i)`,
      [keys],
    );
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
  private async findDuplicates(db: EntityManager, probe: DuplicateProbe): Promise<DuplicateRow[]> {
    if (
      !probe.nameKey &&
      probe.phones.length === 0 &&
      !probe.emailDomain &&
      !probe.corporateNumber
    ) {
      return [];
    }
    return db.query<DuplicateRow[]>(
      `WITH matched AS (
         SELECT o.id, o.name, o.prefecture_code, o.corporate_number, array_remove(ARRAY[
             CASE WHEN o.corporate_number = $5 THEN 'corporate_number' END,
             CASE WHEN o.name_normalized = $1
                   AND ($2::text IS NULL OR o.prefecture_code IS NULL OR o.prefecture_code = $2) THEN 'name' END,
             CASE WHEN o.phone = ANY($3::text[]) OR EXISTS (SELECT 1 FROM contact c
                        WHERE c.organization_id = o.id AND c.phone = ANY($3::text[])) THEN 'phone' END,
             CASE WHEN EXISTS (SELECT 1 FROM contact c WHERE c.organization_id = o.id
                                AND split_part(c.email, '@', 2) = $4) THEN 'email_domain' END
           ], NULL) AS matched_on
           FROM organization o
          WHERE o.merged_into IS NULL
            AND ($5::text IS NULL OR o.corporate_number IS NULL OR o.corporate_number = $5)
            AND o.id IN (
                  SELECT id FROM organization WHERE corporate_number = $5
                  UNION SELECT id FROM organization WHERE name_normalized = $1
                  UNION SELECT id FROM organization WHERE phone = ANY($3::text[])
                  UNION SELECT organization_id FROM contact WHERE phone = ANY($3::text[])
                  UNION SELECT organization_id FROM contact WHERE split_part(email, '@', 2) = $4))
       SELECT * FROM matched WHERE cardinality(matched_on) > 0
        ORDER BY cardinality(matched_on) DESC, name, id LIMIT 10`,
      [probe.nameKey, probe.prefectureCode, probe.phones, probe.emailDomain, probe.corporateNumber],
    );
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
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await db.query<[{ from_status: TeleworkStatus }[], number]>(
      `UPDATE organization o SET telework_status = $2, telework_status_source = $3,
              telework_status_reason = NULL, telework_status_changed_at = now(),
              version = o.version + 1, updated_at = now()
         FROM (SELECT id, telework_status FROM organization WHERE id = $1 FOR UPDATE) before
        WHERE o.id = before.id AND o.telework_status = ANY($4::text[])
        RETURNING before.telework_status AS from_status`,
      [organizationId, target.status, target.source, statusesBelow(target.status)],
    );
    const row = rows[0];
    if (!row) {
      return null;
    }
    const change = { from: row.from_status, to: target.status, source: target.source };
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
    survivor: OrganizationEntity;
    duplicate: OrganizationEntity;
    contactsMoved: number;
    filled: Record<string, { from: unknown; to: unknown }>;
  }> {
    const locked = await db.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[survivorId, duplicateId]],
    );
    const repo = db.getRepository(OrganizationEntity);
    const survivor = await repo.findOneBy({ id: survivorId });
    const duplicate = await repo.findOneBy({ id: duplicateId });
    if (!survivor || survivor.mergedInto) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
    if (!duplicate || duplicate.mergedInto || locked.length !== 2) {
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
    await db.query(
      `UPDATE organization SET merged_into = $2, version = version + 1, updated_at = now()
        WHERE id = $1 OR merged_into = $1`,
      [duplicate.id, survivor.id],
    );
    const [, contactsMoved] = await db.query<[unknown, number]>(
      `UPDATE contact SET organization_id = $2 WHERE organization_id = $1`,
      [duplicate.id, survivor.id],
    );

    const next = { ...survivor };
    const filled: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of mergeFills(survivor, duplicate)) {
      filled[key] = { from: null, to: duplicate[key] };
      (next as Record<string, unknown>)[key] = duplicate[key];
    }
    const notes = [survivor.notes, duplicate.notes].filter((n) => n.trim()).join('\n---\n');
    const contactPhones = await db.query<{ phone: string }[]>(
      `SELECT phone FROM contact WHERE organization_id = $1 AND phone IS NOT NULL`,
      [survivor.id],
    );
    const derived = derivedFields({
      ...next,
      phones: [next.phone, ...contactPhones.map((c) => c.phone)],
    });
    await db.query(
      `UPDATE organization SET name_kana = $2, corporate_number = $3, prefecture_code = $4, address = $5,
         industry_code = $6, sme_sector = $7, employees = $8, capital_yen = $9, phone = $10, notes = $11,
         sme = $12, sme_reason = $13, search_text = $14, industry_subcode = $15,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [
        survivor.id,
        next.nameKana,
        next.corporateNumber,
        next.prefectureCode,
        next.address,
        next.industryCode,
        next.smeSector,
        next.employees,
        next.capitalYen,
        next.phone,
        notes.slice(0, 10000),
        derived.sme,
        derived.smeReason,
        derived.searchText,
        next.industrySubcode,
      ],
    );
    return { survivor, duplicate, contactsMoved, filled };
  }

  /** What a merge would take from the duplicate: its contacts and its fields the survivor lacks. */
  async absorbPreview(
    source: OrganizationDto,
    target: OrganizationDto,
  ): Promise<{ contacts: number; fills: string[] }> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM contact WHERE organization_id = $1`,
      [source.id],
    );
    return { contacts: row?.n ?? 0, fills: mergeFills(target, source) };
  }

  /** Which of these organizations are tombstones of a merge. */
  async findMergedInto(ids: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE id = ANY($1::uuid[]) AND merged_into IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** The program's free-session terms (the allowance before grants). */
  sessionTerms(): Promise<ProgramSessionTerms> {
    return programSessionTerms(this.dataSource.manager);
  }

  /** Keeps the search text in step when a contact's phone changes. */
  async refreshSearchText(db: EntityManager, organizationId: string): Promise<void> {
    const o = await this.find(organizationId, db);
    const contactPhones = await db.query<{ phone: string }[]>(
      `SELECT phone FROM contact WHERE organization_id = $1 AND phone IS NOT NULL`,
      [organizationId],
    );
    const derived = derivedFields({
      ...o,
      phones: [o.phone, ...contactPhones.map((c) => c.phone)],
    });
    await db.query(`UPDATE organization SET search_text = $2 WHERE id = $1`, [
      organizationId,
      derived.searchText,
    ]);
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<OrganizationEntity> {
    const organization = await db.getRepository(OrganizationEntity).findOneBy({ id });
    if (!organization) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
    return organization;
  }

  private async browse(limit: number, cursor?: string): Promise<OrganizationListDto> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.dataSource.query<{ id: string; created_at: Date }[]>(
      `SELECT id, created_at FROM organization
        WHERE merged_into IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit + 1, after?.at ?? null, after?.id ?? null],
    );
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
    const found = await this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(found.map((o) => [o.id, o]));
    return this.dtos(ids.flatMap((id) => byId.get(id) ?? []));
  }
}
