import { toJstDateString, tokyoDateTimeText } from '@madoguchi/domain';
import type { CaseloadDimension } from './dimensions';
import type { BacklogReportDto, SlaReportDto } from './dto/backlog.dto';
import type {
  CaseloadReportDto,
  CaseloadRowDto,
  FunnelReportDto,
  ReferralsReportDto,
} from './dto/caseload.dto';
import type { EventsFunnelReportDto } from './dto/events-funnel.dto';
import type { OutcomeRowDto, OutcomesReportDto } from './dto/outcomes.dto';
import type { PartnerPlanProgressReportDto } from './dto/partner-plan-progress.dto';
import type { ResultsFiguresDto } from './dto/results.dto';
import type { SessionsReportDto } from './dto/sessions-report.dto';
import type { SurveyFiguresDto, SurveysReportDto } from './dto/surveys-report.dto';
import {
  blockJa,
  channelJa,
  eventKindJa,
  industryJa,
  partyJa,
  prefectureJa,
  sessionKindJa,
  sizeBandJa,
  smeJa,
  statusJa,
  topicJa,
} from './report-labels';
import type { Cell, ReportColumn, ReportTable } from './report-render';

/** Desk ids to their Japanese names, for the downloads. */
export type DeskNames = ReadonlyMap<string, string>;

const DIMENSION_HEADERS: Record<CaseloadDimension, string> = {
  day: '日',
  week: '週(月曜日)',
  month: '月',
  fiscal_year: '年度',
  desk: '窓口',
  block: 'ブロック',
  prefecture: '都道府県',
  channel: '受付経路',
  industry: '業種',
  size_band: '従業員規模',
  sme: '中小企業',
  topic: '相談分野(大分類)',
  topic2: '相談分野(小分類)',
  status: '状態',
};

const deskJa = (id: string, desks: DeskNames): string =>
  id === '*' ? '全窓口' : (desks.get(id) ?? id);

function dimensionLabel(
  dimension: CaseloadDimension,
  value: string | number | undefined,
  desks: DeskNames,
): Cell {
  const v = value === undefined ? null : String(value);
  const known = v === 'unknown' ? null : v;
  switch (dimension) {
    case 'day':
    case 'week':
    case 'month':
      return v;
    case 'fiscal_year':
      return typeof value === 'number' ? value : Number(v);
    case 'desk':
      return deskJa(v ?? '', desks);
    case 'block':
      return blockJa(known);
    case 'prefecture':
      return prefectureJa(known);
    case 'channel':
      return channelJa(v);
    case 'industry':
      return industryJa(known);
    case 'size_band':
      return sizeBandJa(known);
    case 'sme':
      return smeJa(v);
    case 'topic':
    case 'topic2':
      return topicJa(known);
    case 'status':
      return statusJa(v);
    default: {
      const unreachable: never = dimension;
      return unreachable;
    }
  }
}

const count = (key: string, header: string): ReportColumn => ({ key, header, kind: 'count' });
const pct = (key: string, header: string): ReportColumn => ({ key, header, kind: 'percent' });

export function caseloadTable(
  title: string,
  groupBy: CaseloadDimension[],
  rows: CaseloadRowDto[],
  desks: DeskNames,
): ReportTable {
  return {
    title,
    columns: [
      ...groupBy.map((d) => ({ key: d, header: DIMENSION_HEADERS[d], width: 24 })),
      count('count', '件数'),
    ],
    rows: rows.map((row) => {
      const out: Record<string, Cell> = { count: row.count };
      for (const d of groupBy) {
        out[d] = dimensionLabel(
          d,
          (row as unknown as Record<string, string | number | undefined>)[d],
          desks,
        );
      }
      return out;
    }),
    notes: groupBy.some((d) => d === 'topic' || d === 'topic2')
      ? ['相談分野別の件数は、1件の案件を該当する分野ごとに数えています(合計は案件数を超えます)。']
      : undefined,
  };
}

export const caseloadTables = (dto: CaseloadReportDto, desks: DeskNames): ReportTable[] => [
  caseloadTable('相談件数', dto.groupBy as CaseloadDimension[], dto.rows, desks),
];

export const backlogTables = (dto: BacklogReportDto, desks: DeskNames): ReportTable[] => {
  const byDesk = dto.rows.some((r) => r.desk !== undefined);
  return [
    {
      title: '未完了案件の経過日数',
      columns: [
        ...(byDesk ? [{ key: 'desk', header: '窓口', width: 24 }] : []),
        { key: 'age', header: '経過営業日数' },
        count('count', '件数'),
      ],
      rows: dto.rows.map((r) => ({
        ...(byDesk ? { desk: deskJa(r.desk ?? '', desks) } : {}),
        age: `${r.age.replace('-', '〜').replace('+', '以上')}日`,
        count: r.count,
      })),
      notes: [`基準日: ${dto.asOf}(受付日の翌営業日から基準日までの営業日数)`],
    },
  ];
};

export const slaTables = (dto: SlaReportDto, desks: DeskNames): ReportTable[] => [
  {
    title: '初回応答',
    columns: [
      { key: 'desk', header: '窓口', width: 24 },
      { key: 'channel', header: '受付経路' },
      count('clocked', '応答期限のある案件'),
      count('met', '期限内に応答'),
      count('breached', '期限超過'),
      count('pending', '未応答(期限前)'),
      pct('metPercent', '期限内応答率(%)'),
      { key: 'median', header: '初回応答までの営業時間(中央値)', kind: 'hours' },
    ],
    rows: [...dto.rows, dto.total].map((r) => ({
      desk: deskJa(r.desk, desks),
      channel: r.channel === '*' ? '全経路' : channelJa(r.channel),
      clocked: r.clocked,
      met: r.met,
      breached: r.breached,
      pending: r.pending,
      metPercent: r.metPercent,
      median: r.medianResponseBusinessHours,
    })),
    notes: ['営業時間は各窓口の営業日・営業時間(祝日・年末年始・臨時休業を除く)で数えています。'],
  },
];

export const sessionsTables = (dto: SessionsReportDto): ReportTable[] => [
  {
    title: '専門家派遣の概要',
    columns: [
      { key: 'item', header: '項目', width: 36 },
      { key: 'value', header: '値' },
    ],
    rows: [
      { item: '相談件数', value: dto.cases },
      { item: '専門家派遣のあった案件', value: dto.casesWithSessions },
      { item: '専門家派遣率(%)', value: dto.referralRatePercent },
    ],
  },
  {
    title: '組織別の派遣利用回数',
    columns: [{ key: 'sessions', header: '利用回数' }, count('organizations', '組織数')],
    rows: dto.organizationsBySessionsUsed.map((r) => ({
      sessions: r.sessions === '3+' ? '3回以上' : `${r.sessions}回`,
      organizations: r.organizations,
    })),
  },
  {
    title: '派遣の種類',
    columns: [
      { key: 'kind', header: '種類', width: 20 },
      count('sessions', '派遣回数'),
      count('completed', '実施済み'),
      pct('percent', '構成比(%)'),
    ],
    rows: dto.kinds.map((r) => ({ ...r, kind: sessionKindJa(r.kind) })),
  },
  {
    title: '専門家別の派遣件数と謝金',
    columns: [
      { key: 'name', header: '専門家', width: 24 },
      count('sessions', '派遣回数'),
      count('completed', '実施済み'),
      { key: 'honorariumYen', header: '謝金(円)', kind: 'yen' },
    ],
    rows: dto.experts.map((r) => ({ ...r })),
  },
  {
    title: '月別の謝金',
    columns: [
      { key: 'month', header: '月' },
      count('completed', '実施済み'),
      { key: 'honorariumYen', header: '謝金(円)', kind: 'yen' },
    ],
    rows: dto.honorariaByMonth.map((r) => ({ ...r })),
    notes: ['派遣回数は取消を除く。謝金は実施済みの派遣の合計。'],
  },
];

const outcomeColumns = (keyHeader: string): ReportColumn[] => [
  { key: 'key', header: keyHeader, width: 28 },
  count('closed', '完了案件'),
  count('adopted', '導入済み'),
  count('planned', '導入予定'),
  count('notAdopted', '導入せず'),
  count('unknown', '不明'),
  pct('adoptionRatePercent', '導入率(%)'),
];

const outcomeRows = (rows: OutcomeRowDto[], label: (key: string) => string) =>
  rows.map((r) => ({ ...r, key: r.key === '*' ? '全体' : label(r.key) }));

const unknownOr = (f: (code: string | null) => string) => (key: string) =>
  f(key === 'unknown' ? null : key);

export const outcomesTables = (dto: OutcomesReportDto): ReportTable[] => [
  {
    title: '成果(ブロック別)',
    columns: outcomeColumns('ブロック'),
    rows: outcomeRows([dto.total, ...dto.byBlock], unknownOr(blockJa)),
    notes: ['導入率 = 導入済み ÷ 成果の分かる完了案件(導入済み・導入予定・導入せず)。不明は除く。'],
  },
  {
    title: '成果(業種別)',
    columns: outcomeColumns('業種'),
    rows: outcomeRows(dto.byIndustry, unknownOr(industryJa)),
  },
  {
    title: '成果(規模別)',
    columns: outcomeColumns('従業員規模'),
    rows: outcomeRows(dto.bySizeBand, unknownOr(sizeBandJa)),
  },
  {
    title: '参考値(政府目標・実績)',
    columns: [
      { key: 'label', header: '指標', width: 36 },
      { key: 'year', header: '年(度)' },
      pct('ratePercent', '導入率(%)'),
    ],
    rows: dto.targets.items.map((t) => ({
      label: t.labelJa,
      year: t.year,
      ratePercent: t.ratePercent,
    })),
    notes: [dto.targets.noteJa],
  },
];

export const referralsTables = (dto: ReferralsReportDto): ReportTable[] => [
  {
    title: '制度別の紹介件数',
    columns: [
      { key: 'nameJa', header: '制度', width: 40 },
      { key: 'fiscalYear', header: '年度' },
      { key: 'provider', header: '提供元' },
      { key: 'kind', header: '種類' },
      count('cases', '紹介件数'),
    ],
    rows: dto.rows.map((r) => ({ ...r })),
    notes: [`紹介のあった案件: ${dto.casesReferred}件`],
  },
];

const STAGES_JA: Record<string, string> = {
  inquiries: '相談件数',
  expert_sessions: '専門家派遣のあった案件',
  adopted: 'うちテレワーク導入済み',
};

export const funnelTables = (dto: FunnelReportDto): ReportTable[] => [
  {
    title: '相談から導入まで',
    columns: [
      { key: 'stage', header: '段階', width: 28 },
      count('count', '件数'),
      pct('percentOfPrevious', '前段階比(%)'),
      pct('percentOfInquiries', '相談件数比(%)'),
    ],
    rows: dto.stages.map((s) => ({ ...s, stage: STAGES_JA[s.stage] ?? s.stage })),
  },
];

const surveyRow = (group: string, value: Cell, f: SurveyFiguresDto): Record<string, Cell> => ({
  group,
  value,
  sent: f.sent,
  answered: f.answered,
  responseRatePercent: f.responseRatePercent,
  meanOverall: f.meanOverall,
  meanUsefulness: f.meanUsefulness,
  intendingPercent: f.intendingPercent,
});

/** One sheet: the total, then each dimension's groups under it. */
export const surveysTables = (dto: SurveysReportDto, desks: DeskNames): ReportTable[] => [
  {
    title: '満足度アンケート',
    columns: [
      { key: 'group', header: '区分', width: 12 },
      { key: 'value', header: '対象', width: 24 },
      count('sent', '送付数'),
      count('answered', '回答数'),
      pct('responseRatePercent', '回答率(%)'),
      { key: 'meanOverall', header: '満足度(平均)', kind: 'mean' },
      { key: 'meanUsefulness', header: '役立ち度(平均)', kind: 'mean' },
      pct('intendingPercent', '導入・拡大予定(%)'),
    ],
    rows: [
      surveyRow('合計', '', dto.total),
      ...dto.byDesk.map((r) => surveyRow('窓口', deskJa(r.key, desks), r)),
      ...dto.byExpert.map((r) => surveyRow('専門家', r.name ?? r.key, r)),
      ...dto.byKind.map((r) => surveyRow('派遣の種類', sessionKindJa(r.key), r)),
      ...dto.byFiscalYear.map((r) => surveyRow('年度', `${r.key}年度`, r)),
    ],
    notes: [
      '対象: 期間内に実施した専門家派遣について送付したアンケート。回答率 = 回答数 ÷ 送付数。',
      '平均は回答の平均(1〜5)。導入・拡大予定は、予定の設問に答えた回答のうち「導入する」「拡大する」の割合。',
    ],
  },
];

/** The results workbook for the ministries: fixed sheets, in a fixed order. */
export function resultsTables(figures: ResultsFiguresDto, desks: DeskNames): ReportTable[] {
  const c = figures.caseload;
  return [
    {
      title: '概要',
      columns: [
        { key: 'item', header: '項目', width: 24 },
        { key: 'value', header: '値', width: 40 },
      ],
      rows: [
        { item: '対象期間', value: `${figures.from} 〜 ${figures.to}` },
        {
          item: '対象窓口',
          value: figures.scope === 'all' ? '全窓口' : deskJa(figures.scope, desks),
        },
        { item: '相談件数', value: c.totalCases },
        // Read by people in Tokyo, on paper: their clock, said so, not a UTC ISO string.
        { item: '集計日時', value: `${tokyoDateTimeText(new Date(figures.computedAt))} (JST)` },
      ],
    },
    caseloadTable('受付経路別', ['channel'], c.byChannel, desks),
    caseloadTable('相談分野別(大分類)', ['topic'], c.byTopic, desks),
    caseloadTable('相談分野別(小分類)', ['topic2'], c.byTopic2, desks),
    caseloadTable('都道府県別', ['prefecture'], c.byPrefecture, desks),
    caseloadTable('業種別', ['industry'], c.byIndustry, desks),
    caseloadTable('規模別', ['size_band'], c.bySizeBand, desks),
    ...funnelTables(figures.funnel),
    ...sessionsTables(figures.sessions),
    ...outcomesTables(figures.outcomes),
    // Snapshots frozen before the survey sheet existed have no survey figures.
    ...(figures.surveys ? surveysTables(figures.surveys, desks) : []),
    // Nor, before these two, event or partner-plan figures.
    ...(figures.eventsFunnel ? [eventsFunnelTable(figures.eventsFunnel)] : []),
    ...(figures.partnerPlans ? [partnerPlanTable(figures.partnerPlans, desks)] : []),
  ];
}

/** The outreach events funnel: one row per event, then the total. */
export function eventsFunnelTable(dto: Omit<EventsFunnelReportDto, 'dataAsOf'>): ReportTable {
  const counts: ReportColumn[] = [
    { key: 'registrations', header: '申込', kind: 'count' },
    { key: 'attended', header: '参加', kind: 'count' },
    { key: 'casesOpened', header: '相談案件化', kind: 'count' },
    { key: 'firstSession', header: '専門家派遣', kind: 'count' },
    { key: 'adopted', header: '導入', kind: 'count' },
  ];
  return {
    title: 'イベントの成果',
    columns: [
      { key: 'date', header: '開催日', width: 12 },
      { key: 'title', header: 'イベント', width: 40 },
      { key: 'kind', header: '種別', width: 20 },
      { key: 'party', header: '主催', width: 14 },
      ...counts,
    ],
    rows: [
      ...dto.events.map((e) => ({
        date: toJstDateString(new Date(e.startsAt)),
        title: e.title,
        kind: eventKindJa(e.kind),
        party: partyJa(e.organizerKind),
        registrations: e.registrations,
        attended: e.attended,
        casesOpened: e.casesOpened,
        firstSession: e.firstSession,
        adopted: e.adopted,
      })),
      { date: '合計', ...dto.totals },
    ],
    notes: [
      '対象: 期間内に開始したイベント。取消を除く申込を数え、各段階は申込者単位(同じ会社の2名は2)。',
      '専門家派遣: 参加者から作成した案件のうち、取消以外の専門家派遣があるもの。導入: その組織のテレワーク導入状況が「導入済み」。',
    ],
  };
}

const partyLabel = (
  row: { party: string; partyDeskId: string | null; partyName: string | null },
  desks: DeskNames,
): string =>
  [partyJa(row.party), row.partyDeskId ? deskJa(row.partyDeskId, desks) : null, row.partyName]
    .filter(Boolean)
    .join(' ');

/** The cooperation plans' progress: one row per activity, grouped by party. */
export function partnerPlanTable(
  dto: Omit<PartnerPlanProgressReportDto, 'dataAsOf'>,
  desks: DeskNames,
): ReportTable {
  return {
    title: 'パートナー計画の進捗',
    columns: [
      { key: 'party', header: '実施主体', width: 24 },
      { key: 'title', header: '取組', width: 40 },
      { key: 'unit', header: '単位', width: 8 },
      { key: 'target', header: '目標', kind: 'count' },
      { key: 'achieved', header: '実績(報告値)', kind: 'count' },
      pct('percent', '達成率(%)'),
      { key: 'linkedEvents', header: '関連イベント', kind: 'count' },
      { key: 'linkedReferrals', header: '関連する制度紹介', kind: 'count' },
      pct('linkedPercent', '関連件数の目標比(%)'),
    ],
    rows: dto.activities.map((a) => ({
      party: partyLabel(a, desks),
      title: a.title,
      unit: a.unit,
      target: a.target,
      achieved: a.achieved,
      percent: a.percent,
      linkedEvents: a.linkedEvents,
      linkedReferrals: a.linkedReferrals,
      linkedPercent: a.linkedPercent,
    })),
    notes: [
      `${dto.fiscalYear}年度の連携計画。実績は各主体の報告値、達成率 = 実績 ÷ 目標。`,
      '関連イベント・関連する制度紹介は取組に紐づけた件数(報告値とは別に数えます)。',
    ],
  };
}
