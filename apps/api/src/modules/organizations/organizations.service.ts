import {
  formatJapanesePhone,
  normalizeJapanesePhone,
  normalizeOrganizationName,
  emailDomain,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError } from '../../common/errors/app-error';
import { decodeCursor, encodeCursor } from '../../common/http/keyset-cursor';
import { AuditService, diff } from '../audit/audit.service';
import type {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import type { DuplicateCandidateDto, DuplicateQueryDto } from './dto/duplicates.dto';
import { OrganizationEntity } from './organization.entity';
import { derivedFields, normalizeQuery } from './organization-search';
import {
  type OrganizationAllowance,
  organizationAllowances,
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

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

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

  /** Inserts inside the caller's transaction (intake creates the organization with the case). */
  async insert(
    db: EntityManager,
    dto: CreateOrganizationDto,
    actor: ActorContext,
  ): Promise<OrganizationEntity> {
    const phone = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
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
           name_normalized, search_text, industry_subcode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
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
             industry_subcode = $20,
             address = $7, industry_code = $8, sme_sector = $9, employees = $10, capital_yen = $11,
             telework_status = $12, chamber_member = $13, phone = $14, notes = $15, sme = $16, sme_reason = $17,
             name_normalized = $18, search_text = $19, version = version + 1, updated_at = now()
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
        },
        db,
      );
      return this.dto(await this.find(id, db), db);
    });
  }

  /** Typeahead and search: name, reading (any kana form), corporate number, phone; 2 characters suffice. */
  async search(query: OrganizationQueryDto): Promise<OrganizationListDto> {
    const limit = query.limit ?? 20;
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
    const name = query.name ? normalizeOrganizationName(query.name) : null;
    const phone = query.phone ? normalizeJapanesePhone(query.phone) : null;
    const domain = query.email ? emailDomain(query.email) : null;
    const corporateNumber = query.corporateNumber ?? null;
    if (!name && !phone && !domain && !corporateNumber) {
      return [];
    }
    const rows = await this.dataSource.query<{ id: string; reasons: string[] }[]>(
      `SELECT o.id, array_remove(ARRAY[
           CASE WHEN o.corporate_number = $4 THEN 'corporate_number' END,
           CASE WHEN o.name_normalized = $1 THEN 'name' END,
           CASE WHEN o.phone = $2 OR EXISTS (SELECT 1 FROM contact c WHERE c.organization_id = o.id AND c.phone = $2)
                THEN 'phone' END,
           CASE WHEN EXISTS (SELECT 1 FROM contact c WHERE c.organization_id = o.id
                              AND split_part(c.email, '@', 2) = $3) THEN 'email_domain' END
         ], NULL) AS reasons
         FROM organization o
        WHERE o.merged_into IS NULL AND (
              o.corporate_number = $4 OR o.name_normalized = $1 OR o.phone = $2
           OR o.id IN (SELECT c.organization_id FROM contact c WHERE c.phone = $2 OR split_part(c.email, '@', 2) = $3))
        LIMIT 10`,
      [name, phone, domain, corporateNumber],
    );
    const organizations = new Map((await this.load(rows.map((r) => r.id))).map((o) => [o.id, o]));
    return rows
      .filter((r) => organizations.has(r.id))
      .map((r) => ({ organization: organizations.get(r.id)!, reasons: r.reasons }));
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
