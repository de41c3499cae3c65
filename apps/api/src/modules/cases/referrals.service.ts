import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { CasesService } from './cases.service';
import type { CreateReferralDto, ReferralDto, ReferralProgramDto } from './dto/referral.dto';

interface ProgramRow {
  id: string;
  code: string;
  fiscal_year: number;
  provider: string;
  kind: string;
  name_ja: string;
  name_en: string;
  summary_ja: string;
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
  active: p.active,
});

/** Which support program (subsidy, center, award, guideline) a case was guided to. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  async programs(fiscalYear?: number): Promise<ReferralProgramDto[]> {
    const rows = await this.dataSource.query<ProgramRow[]>(
      `SELECT * FROM referral_program WHERE active AND ($1::int IS NULL OR fiscal_year = $1)
        ORDER BY fiscal_year DESC, provider, code`,
      [fiscalYear ?? null],
    );
    return rows.map(toProgram);
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
      await this.cases.findScoped(caseId, actor.principal!, db);
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
      await db.query(
        `INSERT INTO case_event (case_id, kind, actor_id, body, data) VALUES ($1, 'referral', $2, $3, $4)`,
        [
          caseId,
          actor.principal!.userId,
          dto.note ?? '',
          JSON.stringify({ programId: program.id, code: program.code, nameJa: program.name_ja }),
        ],
      );
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
