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
import type {
  CopyReferralYearDto,
  CopyReferralYearResultDto,
  CreateReferralDto,
  CreateReferralProgramDto,
  ReferralDto,
  ReferralProgramDto,
  UpdateReferralProgramDto,
} from './dto/referral.dto';

interface ProgramRow {
  id: string;
  code: string;
  fiscal_year: number;
  provider: string;
  kind: string;
  name_ja: string;
  name_en: string;
  summary_ja: string;
  url: string | null;
  owner: string | null;
  active: boolean;
}

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
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly timeline: CaseTimelineService,
  ) {}

  async programs(fiscalYear?: number, includeInactive = false): Promise<ReferralProgramDto[]> {
    const rows = await this.dataSource.query<ProgramRow[]>(
      `SELECT * FROM referral_program
        WHERE ($2 OR active) AND ($1::int IS NULL OR fiscal_year = $1)
        ORDER BY fiscal_year DESC, provider, code`,
      [fiscalYear ?? null, includeInactive],
    );
    return rows.map(toProgram);
  }

  async createProgram(
    dto: CreateReferralProgramDto,
    actor: ActorContext,
  ): Promise<ReferralProgramDto> {
    return this.dataSource.transaction(async (db) => {
      const [row] = await db.query<ProgramRow[]>(
        `INSERT INTO referral_program (code, fiscal_year, provider, kind, name_ja, name_en, summary_ja, url, active, owner)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code, fiscal_year) DO NOTHING RETURNING *`,
        [
          dto.code,
          dto.fiscalYear,
          dto.provider,
          dto.kind,
          dto.nameJa,
          dto.nameEn,
          dto.summaryJa ?? '',
          dto.url ?? null,
          dto.active ?? true,
          dto.owner ?? null,
        ],
      );
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
      const [before] = await db.query<ProgramRow[]>(
        `SELECT * FROM referral_program WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such referral program.');
      }
      // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
      const [[after]] = sets.length
        ? await db.query<[ProgramRow[], number]>(
            `UPDATE referral_program SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
            params,
          )
        : [[before]];
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
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('referral_program.copy'), $1)`, [
        dto.toFiscalYear,
      ]);
      const source = await db.query<ProgramRow[]>(
        `SELECT * FROM referral_program WHERE fiscal_year = $1 AND active ORDER BY provider, code`,
        [dto.fromFiscalYear],
      );
      if (source.length === 0) {
        throw validationError('fromFiscalYear', 'has no active programs to copy');
      }
      const target = await db.query<{ code: string }[]>(
        `SELECT code FROM referral_program WHERE fiscal_year = $1`,
        [dto.toFiscalYear],
      );
      const plan = planCatalogueCopy(
        source.map((p) => p.code),
        target.map((p) => p.code),
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
      const created = await db.query<ProgramRow[]>(
        `INSERT INTO referral_program (code, fiscal_year, provider, kind, name_ja, name_en, summary_ja, url, owner, active)
         SELECT code, $2, provider, kind, name_ja, name_en, summary_ja, url, owner, true
           FROM referral_program WHERE fiscal_year = $1 AND code = ANY($3::text[])
         ON CONFLICT (code, fiscal_year) DO NOTHING RETURNING *`,
        [dto.fromFiscalYear, dto.toFiscalYear, plan.codes],
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
    const rows = await this.dataSource.query<
      (ProgramRow & { referral_id: string; note: string; created_at: Date })[]
    >(
      `SELECT p.*, r.id AS referral_id, r.note, r.created_at FROM case_referral r
         JOIN referral_program p ON p.id = r.program_id WHERE r.case_id = $1 ORDER BY r.created_at`,
      [caseId],
    );
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
      const [program] = await db.query<ProgramRow[]>(
        `SELECT * FROM referral_program WHERE id = $1 AND active`,
        [dto.programId],
      );
      if (!program) {
        throw validationError('programId', 'is not an active program of the catalogue');
      }
      const [row] = await db.query<{ id: string }[]>(
        `INSERT INTO case_referral (case_id, program_id, note, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, program_id) DO NOTHING RETURNING id`,
        [caseId, dto.programId, dto.note ?? '', actor.principal!.userId],
      );
      if (!row) {
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
      return row.id;
    });
    const referrals = await this.list(caseId, actor.principal!);
    return referrals.find((r) => r.id === id)!;
  }
}
