import { INDUSTRIES, REGIONAL_BLOCKS } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { CaseFilter } from './case-filter';
import {
  type OutcomeRowDto,
  type OutcomesReportDto,
  type ReportTargetDto,
  type ReportTargetListDto,
  TARGETS_NOTE_EN,
  TARGETS_NOTE_JA,
  type UpdateReportTargetDto,
} from './dto/outcomes.dto';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import {
  type OutcomeCountRow,
  OutcomesRepository,
  type ReportTargetRow,
} from './outcomes.repository';
import { percent } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';
import { RollupMaintenanceService } from './rollup-maintenance.service';
import { SIZE_BAND_CODES } from './size-bands';

const toTarget = (r: ReportTargetRow): ReportTargetDto => ({
  code: r.code,
  kind: r.kind,
  area: r.area,
  year: r.year,
  ratePercent: Number(r.rate_percent),
  labelJa: r.label_ja,
  labelEn: r.label_en,
  version: r.version,
});

const toOutcome = (key: string, r: OutcomeCountRow | undefined): OutcomeRowDto => {
  const adopted = r?.adopted ?? 0;
  const planned = r?.planned ?? 0;
  const notAdopted = r?.not_adopted ?? 0;
  return {
    key,
    closed: r?.closed ?? 0,
    adopted,
    planned,
    notAdopted,
    unknown: r?.unknown ?? 0,
    adoptionRatePercent: percent(adopted, adopted + planned + notAdopted),
  };
};

/** Adoption among closed cases, against the government's reference figures. */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly reader: ReportReader,
    private readonly repository: OutcomesRepository,
    private readonly audit: AuditService,
    private readonly rollups: RollupMaintenanceService,
  ) {}

  /**
   * Adoption rate = adopted ÷ closed cases with a known outcome (adopted, planned, not
   * adopted); closed with 'unknown' is shown but left out of the rate. One scan answers the
   * total and the three breakdowns (GROUPING SETS).
   */
  async outcomes(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<OutcomesReportDto> {
    if (source === 'auto') {
      await this.rollups.current();
    }
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'month') : null;
    const rows = rolled
      ? await this.countsFromRollup(rolled)
      : await this.counts(filters, principal);
    // GROUPING() sets a bit for each argument left out of the row's grouping set.
    const only = (bit: number) => rows.filter((r) => Number(r.g) === 7 - bit);
    const byKey = (list: OutcomeCountRow[], column: 'block' | 'industry' | 'size_band') =>
      new Map(list.map((r) => [r[column] ?? 'unknown', r]));
    const blocks = byKey(only(4), 'block');
    const industries = byKey(only(2), 'industry');
    const bands = byKey(only(1), 'size_band');
    const withUnknown = (codes: string[], found: Map<string, OutcomeCountRow>) =>
      found.has('unknown') ? [...codes, 'unknown'] : codes;
    return {
      total: toOutcome(
        '*',
        rows.find((r) => Number(r.g) === 7),
      ),
      byBlock: withUnknown(
        REGIONAL_BLOCKS.map((b) => b.code),
        blocks,
      ).map((code) => toOutcome(code, blocks.get(code))),
      byIndustry: withUnknown(
        INDUSTRIES.map((i) => i.code),
        industries,
      ).map((code) => toOutcome(code, industries.get(code))),
      bySizeBand: SIZE_BAND_CODES.filter((code) => code !== 'unknown' || bands.has(code)).map(
        (code) => toOutcome(code, bands.get(code)),
      ),
      targets: await this.targets(),
    };
  }

  private counts(filters: ReportFiltersDto, principal: Principal): Promise<OutcomeCountRow[]> {
    return this.repository.counts(new CaseFilter(filters, principal).useOrganization());
  }

  /**
   * The same rows from the month roll-up: closed cases by outcome under each attribute; every
   * case has exactly one size band row, so those rows also add up to the total.
   */
  private async countsFromRollup(rolled: RollupFilter): Promise<OutcomeCountRow[]> {
    const cells = await this.repository.cellsFromRollup(rolled);
    // g as GROUPING() answers it: a bit for each of block, industry, size band left out.
    const rows = new Map<string, OutcomeCountRow>();
    const rowFor = (g: number, column: 'block' | 'industry' | 'size_band' | null, key: string) => {
      const id = `${g}\u0000${key}`;
      let row = rows.get(id);
      if (!row) {
        row = {
          block: null,
          industry: null,
          size_band: null,
          g,
          closed: 0,
          adopted: 0,
          planned: 0,
          not_adopted: 0,
          unknown: 0,
        };
        if (column) {
          row[column] = key;
        }
        rows.set(id, row);
      }
      return row;
    };
    rowFor(7, null, '*');
    for (const cell of cells) {
      const targets =
        cell.attr === 'prefecture'
          ? [rowFor(3, 'block', cell.key)]
          : cell.attr === 'industry'
            ? [rowFor(5, 'industry', cell.key)]
            : [rowFor(6, 'size_band', cell.key), rowFor(7, null, '*')];
      const outcome =
        cell.outcome === 'adopted' || cell.outcome === 'planned' || cell.outcome === 'not_adopted'
          ? cell.outcome
          : 'unknown';
      for (const row of targets) {
        row.closed += cell.n;
        row[outcome] += cell.n;
      }
    }
    return [...rows.values()];
  }

  async targets(): Promise<ReportTargetListDto> {
    const rows = await this.repository.targets();
    return { items: rows.map(toTarget), note: TARGETS_NOTE_EN, noteJa: TARGETS_NOTE_JA };
  }

  async updateTarget(
    code: string,
    dto: UpdateReportTargetDto,
    actor: ActorContext,
  ): Promise<ReportTargetDto> {
    return this.reader.db.transaction(async (db) => {
      const before = await this.repository.lockTarget(db, code);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No reference figure with that code.');
      }
      const after = await this.repository.updateTarget(
        db,
        code,
        dto.version,
        {
          ratePercent: dto.ratePercent ?? null,
          year: dto.year ?? null,
          labelJa: dto.labelJa ?? null,
          labelEn: dto.labelEn ?? null,
        },
        actor.principal!.userId,
      );
      if (!after) {
        throw new AppError(
          'REPORT_TARGET_VERSION_CONFLICT',
          'Someone changed this figure since you loaded it.',
          undefined,
          { currentVersion: before.version },
        );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const [from, to] = [toTarget(before), toTarget(after)];
      for (const key of ['ratePercent', 'year', 'labelJa', 'labelEn'] as const) {
        if (from[key] !== to[key]) {
          changes[key] = { from: from[key], to: to[key] };
        }
      }
      await this.audit.record(
        actor,
        { action: 'report_target.updated', entityType: 'report_target', entityId: code, changes },
        db,
      );
      return to;
    });
  }
}
