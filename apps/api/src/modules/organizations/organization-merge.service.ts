import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { MergeOrganizationDto, MergeResultDto } from './dto/merge.dto';
import { OrganizationEntity } from './organization.entity';
import { derivedFields } from './organization-search';
import { OrganizationsService } from './organizations.service';

/** Fields the survivor takes from the duplicate when it has none of its own. */
const FILLABLE = [
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

/**
 * Folds a duplicate organization into the one that survives: contacts, cases and expert
 * sessions move over, blank fields are filled from the duplicate, and the duplicate stays as a
 * tombstone (`merged_into`) so old links and the audit trail still resolve. The session
 * allowance is computed from the sessions themselves, so it is right as soon as they move.
 */
@Injectable()
export class OrganizationMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async merge(
    survivorId: string,
    dto: MergeOrganizationDto,
    actor: ActorContext,
  ): Promise<MergeResultDto> {
    if (survivorId === dto.duplicateId) {
      throw validationError('duplicateId', 'must be another organization');
    }
    const moved = await this.dataSource.transaction(async (db) => {
      // Lock both rows in a fixed order so two crossing merges cannot deadlock.
      const locked = await db.query<{ id: string }[]>(
        `SELECT id FROM organization WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[survivorId, dto.duplicateId]],
      );
      const repo = db.getRepository(OrganizationEntity);
      const survivor = await repo.findOneBy({ id: survivorId });
      const duplicate = await repo.findOneBy({ id: dto.duplicateId });
      if (!survivor || survivor.mergedInto) {
        throw new AppError('NOT_FOUND', 'No such organization.');
      }
      if (!duplicate || duplicate.mergedInto || locked.length !== 2) {
        throw validationError('duplicateId', 'is not an organization that can be merged');
      }
      if (survivor.version !== dto.version) {
        throw new AppError(
          'ORGANIZATION_VERSION_CONFLICT',
          'Someone else changed this organization.',
          undefined,
          { currentVersion: survivor.version },
        );
      }
      // The tombstone first: the corporate number's uniqueness covers live organizations only.
      await db.query(
        `UPDATE organization SET merged_into = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [duplicate.id, survivor.id],
      );
      const counts = {
        contacts: await this.move(db, 'contact', duplicate.id, survivor.id),
        cases: await this.move(db, '"case"', duplicate.id, survivor.id),
        sessions: await this.move(db, 'expert_session', duplicate.id, survivor.id),
      };
      await this.move(db, 'session_allowance_grant', duplicate.id, survivor.id);
      // Earlier tombstones of the duplicate now point at the survivor directly.
      await db.query(`UPDATE organization SET merged_into = $2 WHERE merged_into = $1`, [
        duplicate.id,
        survivor.id,
      ]);

      const next = { ...survivor };
      const filled: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of FILLABLE) {
        if (next[key] === null && duplicate[key] !== null) {
          filled[key] = { from: null, to: duplicate[key] };
          (next as Record<string, unknown>)[key] = duplicate[key];
        }
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
           sme = $12, sme_reason = $13, search_text = $14, version = version + 1, updated_at = now()
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
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'organization.merged',
          entityType: 'organization',
          entityId: survivor.id,
          changes: filled,
          meta: {
            duplicateId: duplicate.id,
            duplicateName: duplicate.name,
            reason: dto.reason ?? null,
            moved: counts,
          },
        },
        db,
      );
      return counts;
    });
    return { organization: await this.organizations.get(survivorId), moved };
  }

  /** Re-points one table's rows; answers how many moved. */
  private async move(
    db: EntityManager,
    table: 'contact' | '"case"' | 'expert_session' | 'session_allowance_grant',
    from: string,
    to: string,
  ): Promise<number> {
    const [, affected] = await db.query<[unknown, number]>(
      `UPDATE ${table} SET organization_id = $2 WHERE organization_id = $1`,
      [from, to],
    );
    return affected;
  }
}
