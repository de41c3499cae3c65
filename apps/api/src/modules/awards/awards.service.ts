import {
  awardEvidence,
  INDUSTRIES,
  prefectureByCode,
  tokyoDate,
  type OutcomeCheckAnswer,
  type TeleworkStatus,
} from '@madoguchi/domain';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { ExportGate } from '../../database/export-gate';
import { AuditService } from '../audit/audit.service';
import { CONTENT_TYPES } from '../reports/report-render';
import { sizeBandSql } from '../reports/size-bands';
import { streamXlsx, type XlsxCell, type XlsxColumn } from '../reports/xlsx-stream';
import type {
  AwardKindDto,
  CandidateDto,
  CandidateListDto,
  CandidatesQueryDto,
  CreateNominationDto,
  MarkCandidateDto,
  NominationDto,
  UpdateNominationDto,
} from './dto/awards.dto';
import { AwardsRepository, type NominationRow } from './awards.repository';

const toNominationDto = (n: NominationRow): NominationDto => ({
  id: n.id,
  organizationId: n.organization_id,
  awardKindId: n.award_kind_id,
  fiscalYear: n.fiscal_year,
  status: n.status as NominationDto['status'],
  nominatedOn: n.nominated_on,
  decidedOn: n.decided_on,
  note: n.note,
  version: n.version,
});

const EVIDENCE_JA: Record<string, string> = {
  status_adopted: '導入済み',
  follow_up_completed: 'フォローアップ実施',
  outcome_confirmed: '導入効果確認で導入を確認',
  survey_positive: 'アンケート高評価',
  outcome_not_adopted: '直近の確認で未導入',
  survey_negative: 'アンケート低評価',
};
const STRENGTH_JA: Record<string, string> = {
  strong: '強',
  moderate: '中',
  weak: '弱',
  none: 'なし',
};
const NOMINATION_JA: Record<string, string> = {
  nominated: '推薦中',
  selected: '選定',
  not_selected: '非選定',
};
const INDUSTRY_JA = new Map<string, string>(INDUSTRIES.map((i) => [i.code, i.labelJa]));

/**
 * Award candidates: which organizations' telework introduction is well evidenced, the staff's
 * marks and the nominations. Organizations only: no contact is read or shown.
 */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AwardsRepository,
    private readonly audit: AuditService,
    private readonly gate: ExportGate,
  ) {}

  /** A merge of organizations moves the duplicate's marks and nominations (see the repository). */
  moveToOrganization(
    db: EntityManager,
    fromId: string,
    toId: string,
  ): Promise<{ marks: number; nominations: number; nominationsLeft: number }> {
    return this.repository.moveToOrganization(db, fromId, toId);
  }

  async kinds(): Promise<AwardKindDto[]> {
    const rows = await this.repository.kinds(this.dataSource.manager);
    return rows.map((k) => ({
      id: k.id,
      nameJa: k.name_ja,
      nameEn: k.name_en,
      ministry: k.ministry,
      active: k.active,
    }));
  }

  async candidates(query: CandidatesQueryDto): Promise<CandidateListDto> {
    const db = this.dataSource.manager;
    const rows = await this.repository.candidates(db, query, sizeBandSql);
    const judged = rows.map((r) => ({
      row: r,
      evidence: awardEvidence({
        teleworkStatus: r.telework_status as TeleworkStatus,
        completedFollowUpSessions: r.follow_up_sessions,
        outcomeChecksAdopted: r.outcome_checks_adopted,
        latestOutcomeCheck: r.latest_outcome_check as OutcomeCheckAnswer | null,
        surveysAnswered: r.surveys_answered,
        surveyMeanOverall: r.survey_mean_overall,
      }),
    }));
    const nominations = await this.repository.nominationsOf(
      db,
      query.fiscalYear,
      judged.map((j) => j.row.id),
    );
    const byOrganization = new Map<string, NominationDto[]>();
    for (const n of nominations) {
      const list = byOrganization.get(n.organization_id) ?? [];
      list.push(toNominationDto(n));
      byOrganization.set(n.organization_id, list);
    }
    const items: CandidateDto[] = judged
      // A mark or a nomination keeps an organization listed even when its evidence has weakened.
      .filter(
        ({ row, evidence }) =>
          evidence.eligible || row.marked_at !== null || byOrganization.has(row.id),
      )
      .map(({ row: r, evidence }) => ({
        organizationId: r.id,
        name: r.name,
        prefectureCode: r.prefecture_code,
        deskId: r.desk_id,
        industryCode: r.industry_code,
        employees: r.employees,
        sizeBand: r.size_band,
        teleworkStatus: r.telework_status,
        facts: {
          followUpSessions: r.follow_up_sessions,
          outcomeChecksAdopted: r.outcome_checks_adopted,
          latestOutcomeCheck: r.latest_outcome_check,
          surveysAnswered: r.surveys_answered,
          surveyMeanOverall: round1(r.survey_mean_overall),
          surveyMeanUsefulness: round1(r.survey_mean_usefulness),
        },
        evidence,
        mark: r.marked_at
          ? {
              markedAt: r.marked_at.toISOString(),
              markedBy: r.marked_by_name,
              note: r.mark_note ?? '',
            }
          : null,
        nominations: byOrganization.get(r.id) ?? [],
      }))
      // Strongest evidence first; the name keeps the order stable.
      .sort((a, b) => b.evidence.score - a.evidence.score || a.name.localeCompare(b.name, 'ja'));
    return { fiscalYear: query.fiscalYear, items };
  }

  async mark(dto: MarkCandidateDto, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await this.requireOrganization(db, dto.organizationId);
      const { existed } = await this.repository.mark(
        db,
        dto.organizationId,
        dto.fiscalYear,
        dto.note ?? '',
        actor.principal!.userId,
      );
      await this.audit.record(
        actor,
        {
          action: existed ? 'award.mark_updated' : 'award.marked',
          entityType: 'organization',
          entityId: dto.organizationId,
          meta: { fiscalYear: dto.fiscalYear },
        },
        db,
      );
    });
  }

  async unmark(organizationId: string, fiscalYear: number, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repository.unmark(db, organizationId, fiscalYear))) {
        throw new AppError('NOT_FOUND', 'The organization is not marked in that fiscal year.');
      }
      await this.audit.record(
        actor,
        {
          action: 'award.unmarked',
          entityType: 'organization',
          entityId: organizationId,
          meta: { fiscalYear },
        },
        db,
      );
    });
  }

  async nominate(dto: CreateNominationDto, actor: ActorContext): Promise<NominationDto> {
    return this.dataSource.transaction(async (db) => {
      await this.requireOrganization(db, dto.organizationId);
      if (!(await this.repository.kindExists(db, dto.awardKindId))) {
        throw validationError('awardKindId', 'is not an award on the list');
      }
      requireDate('nominatedOn', dto.nominatedOn);
      const id = await this.repository.insertNomination(db, {
        organizationId: dto.organizationId,
        awardKindId: dto.awardKindId,
        fiscalYear: dto.fiscalYear,
        nominatedOn: dto.nominatedOn,
        note: dto.note ?? '',
        userId: actor.principal!.userId,
      });
      if (!id) {
        throw new AppError(
          'AWARD_NOMINATION_EXISTS',
          'The organization is already nominated for this award in that fiscal year.',
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'award.nominated',
          entityType: 'award_nomination',
          entityId: id,
          meta: {
            organizationId: dto.organizationId,
            awardKindId: dto.awardKindId,
            fiscalYear: dto.fiscalYear,
          },
        },
        db,
      );
      return toNominationDto((await this.repository.nomination(db, id))!);
    });
  }

  async recordResult(
    id: string,
    dto: UpdateNominationDto,
    actor: ActorContext,
  ): Promise<NominationDto> {
    return this.dataSource.transaction(async (db) => {
      const before = await this.repository.nomination(db, id);
      if (!before) {
        throw new AppError('NOT_FOUND', 'No such nomination.');
      }
      const decidedOn = dto.decidedOn ?? null;
      if (dto.status === 'nominated' && decidedOn !== null) {
        throw validationError('decidedOn', 'must be empty while the nomination is undecided');
      }
      if (dto.status !== 'nominated') {
        if (decidedOn === null) {
          throw validationError('decidedOn', 'is required with a result');
        }
        requireDate('decidedOn', decidedOn);
        if (decidedOn < before.nominated_on) {
          throw validationError('decidedOn', 'must not be before the nomination');
        }
      }
      const note = dto.note ?? before.note;
      const done = await this.repository.updateNomination(db, id, dto.version, {
        status: dto.status,
        decidedOn,
        note,
        userId: actor.principal!.userId,
      });
      if (!done) {
        throw new AppError(
          'AWARD_NOMINATION_VERSION_CONFLICT',
          'The nomination was changed meanwhile: reload it.',
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'award.result_recorded',
          entityType: 'award_nomination',
          entityId: id,
          changes: {
            status: { from: before.status, to: dto.status },
            decidedOn: { from: before.decided_on, to: decidedOn },
          },
        },
        db,
      );
      return toNominationDto((await this.repository.nomination(db, id))!);
    });
  }

  /** The list as filtered, one row per organization, as xlsx (audited before the first byte). */
  async export(query: CandidatesQueryDto, actor: ActorContext): Promise<StreamableFile> {
    const [list, kinds] = await Promise.all([this.candidates(query), this.kinds()]);
    const kindNames = new Map(kinds.map((k) => [k.id, k.nameJa]));
    const stream = await this.gate.open(actor.principal!.userId, async () => {
      await this.audit.record(actor, {
        action: 'award.candidates_exported',
        entityType: 'report',
        entityId: 'award-candidates',
        meta: { filters: { ...query }, rows: list.items.length },
      });
      // A list of organizations is small: built whole, then streamed as the case export is.
      const rows = list.items.map((c): XlsxCell[] => [
        c.name,
        c.prefectureCode ? (prefectureByCode(c.prefectureCode)?.nameJa ?? c.prefectureCode) : '',
        c.industryCode ? `${c.industryCode} ${INDUSTRY_JA.get(c.industryCode) ?? ''}` : '',
        c.employees,
        c.evidence.score,
        STRENGTH_JA[c.evidence.strength],
        [...c.evidence.items, ...c.evidence.cautions].map((e) => EVIDENCE_JA[e]).join('、'),
        c.facts.followUpSessions,
        c.facts.outcomeChecksAdopted,
        c.facts.surveysAnswered,
        c.facts.surveyMeanOverall,
        c.mark ? '✓' : '',
        c.mark?.note ?? '',
        c.nominations
          .map(
            (n) => `${kindNames.get(n.awardKindId) ?? n.awardKindId}: ${NOMINATION_JA[n.status]}`,
          )
          .join('、'),
      ]);
      return streamXlsx('表彰候補', COLUMNS, Readable.from(rows), () => undefined);
    });
    const stamp = tokyoDate(new Date()).replace(/-/g, '');
    return new StreamableFile(stream, {
      type: CONTENT_TYPES.xlsx,
      disposition: `attachment; filename="award-candidates-${query.fiscalYear}-${stamp}.xlsx"`,
    });
  }

  private async requireOrganization(db: EntityManager, id: string): Promise<void> {
    if (!(await this.repository.organizationExists(db, id))) {
      throw new AppError('NOT_FOUND', 'No such organization.');
    }
  }
}

const COLUMNS: XlsxColumn[] = [
  { header: '組織名', width: 30, kind: 'text' },
  { header: '都道府県', width: 10, kind: 'text' },
  { header: '業種', width: 22, kind: 'text' },
  { header: '従業員数', width: 10, kind: 'int' },
  { header: '根拠スコア', width: 10, kind: 'int' },
  { header: '根拠の強さ', width: 10, kind: 'text' },
  { header: '根拠', width: 50, kind: 'text' },
  { header: 'フォローアップ実施', width: 10, kind: 'int' },
  { header: '導入確認', width: 10, kind: 'int' },
  { header: 'アンケート回答', width: 10, kind: 'int' },
  { header: '満足度平均', width: 10, kind: 'int' },
  { header: '候補マーク', width: 10, kind: 'text' },
  { header: 'メモ', width: 30, kind: 'text' },
  { header: '推薦・結果', width: 40, kind: 'text' },
];

const round1 = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/** A real calendar date, not only its shape (2026-02-30 is refused, naming the field). */
function requireDate(field: string, value: string): void {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw validationError(field, 'must be a real date');
  }
}
