import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type ProgramRow = Row<
  'referral_program',
  | 'id'
  | 'code'
  | 'fiscal_year'
  | 'provider'
  | 'kind'
  | 'name_ja'
  | 'name_en'
  | 'summary_ja'
  | 'url'
  | 'owner'
  | 'active'
>;

export type CaseReferralRow = ProgramRow & { referral_id: string } & Row<
    'case_referral',
    'note' | 'created_at'
  >;

export type NewProgram = Omit<ProgramRow, 'id'>;

/** The only SQL on referral_program (the catalogue) and case_referral. */
@Injectable()
export class ReferralsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  programs(fiscalYear: number | null, includeInactive: boolean): Promise<ProgramRow[]> {
    return this.dataSource.query<ProgramRow[]>(
      `SELECT * FROM referral_program
        WHERE ($2 OR active) AND ($1::int IS NULL OR fiscal_year = $1)
        ORDER BY fiscal_year DESC, provider, code`,
      [fiscalYear, includeInactive],
    );
  }

  /** Null when the program already has terms for that fiscal year. */
  async insertProgram(db: EntityManager, p: NewProgram): Promise<ProgramRow | null> {
    const [row] = await db.query<ProgramRow[]>(
      `INSERT INTO referral_program (code, fiscal_year, provider, kind, name_ja, name_en, summary_ja, url, active, owner)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code, fiscal_year) DO NOTHING RETURNING *`,
      [
        p.code,
        p.fiscal_year,
        p.provider,
        p.kind,
        p.name_ja,
        p.name_en,
        p.summary_ja,
        p.url,
        p.active,
        p.owner,
      ],
    );
    return row ?? null;
  }

  /** Serializes copies into one fiscal year: a second admin's copy waits, then sees the first's rows. */
  async lockYearCopy(db: EntityManager, toFiscalYear: number): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('referral_program.copy'), $1)`, [
      toFiscalYear,
    ]);
  }

  activeProgramsOfYear(db: EntityManager, fiscalYear: number): Promise<ProgramRow[]> {
    return db.query<ProgramRow[]>(
      `SELECT * FROM referral_program WHERE fiscal_year = $1 AND active ORDER BY provider, code`,
      [fiscalYear],
    );
  }

  async codesOfYear(db: EntityManager, fiscalYear: number): Promise<string[]> {
    const rows = await db.query<Row<'referral_program', 'code'>[]>(
      `SELECT code FROM referral_program WHERE fiscal_year = $1`,
      [fiscalYear],
    );
    return rows.map((r) => r.code);
  }

  /** New versions of the `codes` of one year in another, active; codes already there are skipped. */
  copyPrograms(
    db: EntityManager,
    fromFiscalYear: number,
    toFiscalYear: number,
    codes: string[],
  ): Promise<ProgramRow[]> {
    return db.query<ProgramRow[]>(
      `INSERT INTO referral_program (code, fiscal_year, provider, kind, name_ja, name_en, summary_ja, url, owner, active)
       SELECT code, $2, provider, kind, name_ja, name_en, summary_ja, url, owner, true
         FROM referral_program WHERE fiscal_year = $1 AND code = ANY($3::text[])
       ON CONFLICT (code, fiscal_year) DO NOTHING RETURNING *`,
      [fromFiscalYear, toFiscalYear, codes],
    );
  }

  async lockProgram(db: EntityManager, id: string): Promise<ProgramRow | null> {
    const [row] = await db.query<ProgramRow[]>(
      `SELECT * FROM referral_program WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** `sets` are `column = $n` built by the service from its fixed column map; $1 is the id. */
  async updateProgram(db: EntityManager, sets: string[], params: unknown[]): Promise<ProgramRow> {
    // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
    const [[after]] = await db.query<[ProgramRow[], number]>(
      `UPDATE referral_program SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
      params,
    );
    return after!;
  }

  async activeProgram(db: EntityManager, id: string): Promise<ProgramRow | null> {
    const [row] = await db.query<ProgramRow[]>(
      `SELECT * FROM referral_program WHERE id = $1 AND active`,
      [id],
    );
    return row ?? null;
  }

  referralsOf(caseId: string): Promise<CaseReferralRow[]> {
    return this.dataSource.query<CaseReferralRow[]>(
      `SELECT p.*, r.id AS referral_id, r.note, r.created_at FROM case_referral r
         JOIN referral_program p ON p.id = r.program_id WHERE r.case_id = $1 ORDER BY r.created_at`,
      [caseId],
    );
  }

  /** Null when the case was already referred to the program. */
  async insertReferral(
    db: EntityManager,
    caseId: string,
    programId: string,
    note: string,
    createdBy: string,
  ): Promise<string | null> {
    const [row] = await db.query<Row<'case_referral', 'id'>[]>(
      `INSERT INTO case_referral (case_id, program_id, note, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, program_id) DO NOTHING RETURNING id`,
      [caseId, programId, note, createdBy],
    );
    return row?.id ?? null;
  }
}
