import { planCatalogueCopy } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { CaseTimelineService } from './case-timeline.service';
import { CasesService } from './cases.service';
import { type ProgramRow, ReferralsRepository } from './referrals.repository';
import type {
  CopyReferralYearDto,
  CopyReferralYearResultDto,
  CreateReferralDto,
  CreateReferralProgramDto,
  ReferralDto,
  ReferralProgramDto,
  UpdateReferralProgramDto,
} from './dto/referral.dto';

const toProgram = (p: ProgramRow): ReferralProgramDto => ({
  id: p.id,
  code: p.code,
  fiscalYear: p.fiscal_year,
  provider: p.provider,
  kind: p.kind,
  nameJa: p.name_ja,
  nameEn: p.name_en,
  summaryJa: p.summary_ja,
  url: p.url,
  owner: p.owner,
  active: p.active,
});

/** Which support program (subsidy, center, award, guideline) a case was guided to. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly timeline: CaseTimelineService,
  ) {}

  async programs(fiscalYear?: number, includeInactive = false): Promise<ReferralProgramDto[]> {
    const rows = await this.referrals.programs(fiscalYear ?? null, includeInactive);
    return rows.map(toProgram);
  }

  async createProgram(
    dto: CreateReferralProgramDto,
    actor: ActorContext,
  ): Promise<ReferralProgramDto> {
    return this.dataSource.transaction(async (db) => {
      const row = await this.referrals.insertProgram(db, {
        code: dto.code,
        fiscal_year: dto.fiscalYear,
        provider: dto.provider,
        kind: dto.kind,
        name_ja: dto.nameJa,
        name_en: dto.nameEn,
        summary_ja: dto.summaryJa ?? '',
        url: dto.url ?? null,
        owner: dto.owner ?? null,
        active: dto.active ?? true,
      });
      if (!row) {
        throw new AppError(
          'REFERRAL_PROGRAM_EXISTS',
          `Program ${dto.code} already has terms for fiscal year ${dto.fiscalYear}.`,
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'referral_program.created',
          entityType: 'referral_program',
          entityId: row.id,
          meta: { code: row.code, fiscalYear: row.fiscal_year },
        },
        db,
      );
      return toProgram(row);
    });
  }

  async updateProgram(
    id: string,
    dto: UpdateReferralProgramDto,
    actor: ActorContext,
  ): Promise<ReferralProgramDto> {
    const columns: Record<keyof UpdateReferralProgramDto, string> = {
      provider: 'provider',
      kind: 'kind',
      nameJa: 'name_ja',
      nameEn: 'name_en',
      summaryJa: 'summary_ja',
      url: 'url',
      owner: 'owner',
      active: 'active',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(columns) as [
      keyof UpdateReferralProgramDto,
      string,
    ][]) {
      if (dto[key] !== undefined) {
        params.push(dto[key]);
        sets.push(`${column} = $${params.length}`);
      }
    }
    return this.dataSource.transaction(async (db) => {
      const before = await this.referrals.lockProgram(db, id);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such referral program.');
      }
      const after = sets.length ? await this.referrals.updateProgram(db, sets, params) : before;
      const changes = Object.fromEntries(
        (Object.keys(columns) as (keyof UpdateReferralProgramDto)[])
          .filter((k) => dto[k] !== undefined)
          .map((k) => [k, { from: toProgram(before)[k], to: toProgram(after)[k] }]),
      );
      await this.audit.record(
        actor,
        {
          action: 'referral_program.updated',
          entityType: 'referral_program',
          entityId: id,
          changes,
        },
        db,
      );
      return toProgram(after);
    });
  }

  /**
   * Copies a fiscal year's active programs into another year as new versions (same code), for
   * the admin to adjust. A target year with programs is refused (409 REFERRAL_YEAR_NOT_EMPTY)
   * unless merging, which adds only the missing codes: running it twice changes nothing.
   */
  async copyYear(
    dto: CopyReferralYearDto,
    actor: ActorContext,
  ): Promise<CopyReferralYearResultDto> {
    if (dto.toFiscalYear === dto.fromFiscalYear) {
      throw validationError('toFiscalYear', 'must differ from fromFiscalYear');
    }
    return this.dataSource.transaction(async (db) => {
      // Two admins copying at once: the second waits here and then sees the first one's rows.
      await this.referrals.lockYearCopy(db, dto.toFiscalYear);
      const source = await this.referrals.activeProgramsOfYear(db, dto.fromFiscalYear);
      if (source.length === 0) {
        throw validationError('fromFiscalYear', 'has no active programs to copy');
      }
      const target = await this.referrals.codesOfYear(db, dto.toFiscalYear);
      const plan = planCatalogueCopy(
        source.map((p) => p.code),
        target,
        dto.merge ?? false,
      );
      if (plan.kind === 'conflict') {
        throw new AppError(
          'REFERRAL_YEAR_NOT_EMPTY',
          `Fiscal year ${dto.toFiscalYear} already has ${plan.existing} programs; ask to merge to add the missing ones.`,
          undefined,
          { existing: plan.existing },
        );
      }
      const created = await this.referrals.copyPrograms(
        db,
        dto.fromFiscalYear,
        dto.toFiscalYear,
        plan.codes,
      );
      await this.audit.record(
        actor,
        {
          action: 'referral_program.year_copied',
          entityType: 'referral_program',
          entityId: null,
          meta: {
            fromFiscalYear: dto.fromFiscalYear,
            toFiscalYear: dto.toFiscalYear,
            merge: dto.merge ?? false,
            created: created.map((p) => p.code),
            skipped: plan.skipped,
          },
        },
        db,
      );
      created.sort((a, b) => a.provider.localeCompare(b.provider) || a.code.localeCompare(b.code));
      return { created: created.map(toProgram), skipped: plan.skipped };
    });
  }

  async list(caseId: string, principal: Principal): Promise<ReferralDto[]> {
    await this.cases.findScoped(caseId, principal);
    const rows = await this.referrals.referralsOf(caseId);
    return rows.map((r) => ({
      id: r.referral_id,
      program: toProgram(r),
      note: r.note,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async create(caseId: string, dto: CreateReferralDto, actor: ActorContext): Promise<ReferralDto> {
    const id = await this.dataSource.transaction(async (db) => {
      await this.cases.findScoped(caseId, actor.principal!, db, 'change');
      const program = await this.referrals.activeProgram(db, dto.programId);
      if (!program) {
        throw validationError('programId', 'is not an active program of the catalogue');
      }
      const referralId = await this.referrals.insertReferral(
        db,
        caseId,
        dto.programId,
        dto.note ?? '',
        actor.principal!.userId,
      );
      if (!referralId) {
        throw new AppError('CONFLICT', 'This case was already referred to that program.');
      }
      await this.timeline.append(db, {
        caseId,
        kind: 'referral',
        actorId: actor.principal!.userId,
        body: dto.note ?? '',
        data: { programId: program.id, code: program.code, nameJa: program.name_ja },
      });
      await this.audit.record(
        actor,
        {
          action: 'case.referred',
          entityType: 'case',
          entityId: caseId,
          meta: { program: program.code },
        },
        db,
      );
      return referralId;
    });
    const referrals = await this.list(caseId, actor.principal!);
    return referrals.find((r) => r.id === id)!;
  }
}
