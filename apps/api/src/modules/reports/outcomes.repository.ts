import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportReader } from '../../database/report-reader';
import type { Row } from '../../database/rows';
import type { CaseFilter } from './case-filter';
import { blockSql, dimensionSql } from './dimensions';
import { reportQuery } from './report-query.repository';
import type { RollupFilter } from './rollup-filter';

/**
 * Closed cases by outcome for the total (g = 7) or one regional block, industry or size band:
 * g is GROUPING() of (block, industry, size band), a bit for each left out of the row's set.
 */
export interface OutcomeCountRow {
  block: string | null;
  industry: string | null;
  size_band: string | null;
  g: number;
  closed: number;
  adopted: number;
  planned: number;
  not_adopted: number;
  unknown: number;
}

/** Closed cases with an outcome under one attribute's value (`key`), from the month roll-up. */
export interface OutcomeCellRow {
  attr: string;
  key: string;
  outcome: string | null;
  n: number;
}

export type ReportTargetRow = Row<'report_target'>;

export interface ReportTargetChange {
  ratePercent: number | null;
  year: number | null;
  labelJa: string | null;
  labelEn: string | null;
}

/** The outcomes report's reads on the reader's database, and the reference figures. */
@Injectable()
export class OutcomesRepository {
  constructor(private readonly reader: ReportReader) {}

  /** One scan answers the total and the three breakdowns (GROUPING SETS). */
  counts(filter: CaseFilter): Promise<OutcomeCountRow[]> {
    const block = dimensionSql('block', 'category').sql;
    const industry = dimensionSql('industry', 'category').sql;
    const sizeBand = dimensionSql('size_band', 'category').sql;
    return reportQuery<OutcomeCountRow[]>(
      this.reader.db,
      `SELECT ${block} AS block, ${industry} AS industry, ${sizeBand} AS size_band,
              GROUPING(${block}, ${industry}, ${sizeBand}) AS g,
              count(*)::int AS closed,
              count(*) FILTER (WHERE c.outcome = 'adopted')::int AS adopted,
              count(*) FILTER (WHERE c.outcome = 'planned')::int AS planned,
              count(*) FILTER (WHERE c.outcome = 'not_adopted')::int AS not_adopted,
              count(*) FILTER (WHERE c.outcome = 'unknown' OR c.outcome IS NULL)::int AS unknown
         FROM ${filter.from}
        WHERE ${filter.where} AND c.status = 'closed'
        GROUP BY GROUPING SETS ((), (${block}), (${industry}), (${sizeBand}))`,
      filter.params,
    );
  }

  /** Prefectures come back as their regional block. */
  cellsFromRollup(filter: RollupFilter): Promise<OutcomeCellRow[]> {
    return this.reader.db.query<OutcomeCellRow[]>(
      `SELECT c.attr, CASE WHEN c.attr = 'prefecture' THEN ${blockSql('c.value')} ELSE c.value END AS key,
              c.outcome, sum(c.n)::int AS n
         FROM report_case_month_attr c
        WHERE ${filter.where} AND c.status = 'closed'
          AND c.attr IN ('prefecture', 'industry', 'size_band')
        GROUP BY 1, 2, 3
       HAVING sum(c.n) <> 0`,
      filter.params,
    );
  }

  targets(): Promise<ReportTargetRow[]> {
    return this.reader.db.query<ReportTargetRow[]>(
      `SELECT * FROM report_target ORDER BY sort_order, code`,
    );
  }

  async lockTarget(db: EntityManager, code: string): Promise<ReportTargetRow | null> {
    const [row] = await db.query<ReportTargetRow[]>(
      `SELECT * FROM report_target WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return row ?? null;
  }

  /**
   * The version check is part of the UPDATE: no lost update between read and write. Null when
   * the version moved on.
   */
  async updateTarget(
    db: EntityManager,
    code: string,
    version: number,
    change: ReportTargetChange,
    userId: string,
  ): Promise<ReportTargetRow | null> {
    // An UPDATE answers [rows, affected count].
    const [[after]] = await db.query<[ReportTargetRow[], number]>(
      `UPDATE report_target SET
           rate_percent = coalesce($3, rate_percent), year = coalesce($4, year),
           label_ja = coalesce($5, label_ja), label_en = coalesce($6, label_en),
           version = version + 1, updated_by = $7, updated_at = now()
         WHERE code = $1 AND version = $2 RETURNING *`,
      [code, version, change.ratePercent, change.year, change.labelJa, change.labelEn, userId],
    );
    return after ?? null;
  }
}
