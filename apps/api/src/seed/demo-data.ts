import {
  CASE_OUTCOMES,
  corporateNumberCheckDigit,
  fiscalYearOf,
  formatCaseNumber,
  TOPICS,
  type CaseStatus,
} from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';
import { derivedFields } from '../modules/organizations/organization-search';
import { CaseEventsRepository } from '../modules/cases/case-events.repository';
import { CaseTimelineService } from '../modules/cases/case-timeline.service';

// Demo data goes through the timeline's one writer like everything else.
const timeline = new CaseTimelineService(new CaseEventsRepository());

/** A small deterministic PRNG (mulberry32), so every demo database looks the same. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  ['札幌', 'サッポロ', '01'],
  ['仙台', 'センダイ', '04'],
  ['水戸', 'ミト', '08'],
  ['大宮', 'オオミヤ', '11'],
  ['千葉', 'チバ', '12'],
  ['丸の内', 'マルノウチ', '13'],
  ['渋谷', 'シブヤ', '13'],
  ['品川', 'シナガワ', '13'],
  ['横浜', 'ヨコハマ', '14'],
  ['新潟', 'ニイガタ', '15'],
  ['金沢', 'カナザワ', '17'],
  ['甲府', 'コウフ', '19'],
  ['長野', 'ナガノ', '20'],
  ['静岡', 'シズオカ', '22'],
  ['名古屋', 'ナゴヤ', '23'],
  ['京都', 'キョウト', '26'],
  ['大阪', 'オオサカ', '27'],
  ['神戸', 'コウベ', '28'],
  ['広島', 'ヒロシマ', '34'],
  ['高松', 'タカマツ', '37'],
  ['松山', 'マツヤマ', '38'],
  ['博多', 'ハカタ', '40'],
  ['熊本', 'クマモト', '43'],
  ['那覇', 'ナハ', '47'],
] as const;

// Wholesale/retail and services lag in adoption and dominate the desks' caseload (DOMAIN.md).
const TRADES = [
  ['商事', 'ショウジ', 'I'],
  ['商店', 'ショウテン', 'I'],
  ['物産', 'ブッサン', 'I'],
  ['ストア', 'ストア', 'I'],
  ['食品', 'ショクヒン', 'E'],
  ['製作所', 'セイサクショ', 'E'],
  ['工業', 'コウギョウ', 'E'],
  ['建設', 'ケンセツ', 'D'],
  ['運輸', 'ウンユ', 'H'],
  ['システム', 'システム', 'G'],
  ['ソフト', 'ソフト', 'G'],
  ['不動産', 'フドウサン', 'K'],
  ['会計事務所', 'カイケイジムショ', 'L'],
  ['設計', 'セッケイ', 'L'],
  ['ホテル', 'ホテル', 'M'],
  ['食堂', 'ショクドウ', 'M'],
  ['美容室', 'ビヨウシツ', 'N'],
  ['学習塾', 'ガクシュウジュク', 'O'],
  ['介護サービス', 'カイゴサービス', 'P'],
  ['サービス', 'サービス', 'R'],
] as const;

const STEMS = [
  ['あおば', 'アオバ'],
  ['さくら', 'サクラ'],
  ['みなと', 'ミナト'],
  ['ひかり', 'ヒカリ'],
  ['つばさ', 'ツバサ'],
  ['やまと', 'ヤマト'],
  ['はるか', 'ハルカ'],
  ['みらい', 'ミライ'],
  ['こだま', 'コダマ'],
  ['いずみ', 'イズミ'],
  ['東和', 'トウワ'],
  ['大和', 'ダイワ'],
  ['共栄', 'キョウエイ'],
  ['三協', 'サンキョウ'],
  ['富士', 'フジ'],
] as const;

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
];
const GIVEN = ['一郎', '花子', '健', '美咲', '大輔', '陽子', '翔太', '真由美', '誠', '由紀'];
const TITLES = ['代表取締役', '総務部長', '人事課長', '情報システム担当', '事務長', '店長'];

const SUBJECTS: Record<string, string> = {
  'LAB.RULES': 'テレワーク規程の作り方について',
  'LAB.TIME': '在宅勤務中の労働時間管理と中抜けの扱い',
  'LAB.EVAL': 'テレワーク社員の人事評価',
  'LAB.COST': '通信費・光熱費の負担ルール',
  'LAB.HRD': 'オンラインでの新人研修',
  'LAB.COMM': 'チャットと会議のルール作り',
  'LAB.OSH': '在宅勤務者のメンタルヘルス対策',
  'LAB.ACCIDENT': '自宅での労災の考え方',
  'LAB.HARASS': 'リモートハラスメントへの対応',
  'LAB.SUBSIDY': '人材確保等支援助成金(テレワークコース)の申請',
  'ICT.METHOD': 'VPNとリモートデスクトップのどちらを選ぶか',
  'ICT.SEC': '中小企業向けセキュリティチェックリストの活用',
  'ICT.DEVICE': 'BYODを認めてよいか',
  'ICT.NET': '自宅回線の品質とモバイルルーター',
  'ICT.COLLAB': 'Web会議ツールの選定',
  'ICT.PAPER': '押印のペーパーレス化',
  'ICT.PHONE': '代表電話のクラウドPBX化',
  'ICT.ATTEND': '勤怠管理システムの導入',
};

const CHANNEL_WEIGHTS = [
  ['phone', 45],
  ['email', 25],
  ['web', 12],
  ['walk_in', 8],
  ['seminar', 6],
  ['chamber_referral', 4],
] as const;

export const DEMO_ORGANIZATIONS = 300;
export const DEMO_CASES = 450;

/**
 * A few hundred realistic organizations and cases, so every screen has something to show.
 * Loaded once (skipped when organizations exist), only in demo mode.
 */
export async function seedDemoCases(db: EntityManager, now = new Date()): Promise<boolean> {
  const [existing] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM organization`);
  if ((existing?.n ?? 0) > 0) {
    return false;
  }
  const rnd = random(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const users = await db.query<{ id: string; role: string; desk_id: string | null }[]>(
    `SELECT id, role, desk_id FROM app_user WHERE role IN ('operator', 'desk_staff') AND active`,
  );
  const coverage = new Map(
    (
      await db.query<{ prefecture_code: string; desk_id: string }[]>(
        `SELECT * FROM desk_prefecture`,
      )
    ).map((r) => [r.prefecture_code, r.desk_id]),
  );

  const organizations: { id: string; prefecture: string; contactId: string }[] = [];
  for (let i = 0; i < DEMO_ORGANIZATIONS; i += 1) {
    const [place, placeKana, prefecture] = pick(PLACES);
    const [trade, tradeKana, industry] = pick(TRADES);
    const [stem, stemKana] = pick(STEMS);
    const name = `${rnd() < 0.7 ? '株式会社' : '有限会社'}${place}${stem}${trade}`;
    const nameKana = `${placeKana}${stemKana}${tradeKana}`;
    const employees = Math.max(2, Math.round(Math.exp(rnd() * 6)));
    const capitalYen = rnd() < 0.85 ? Math.round(rnd() * 300) * 1_000_000 : null;
    const base = String(Math.floor(rnd() * 1e12)).padStart(12, '0');
    const corporateNumber = rnd() < 0.8 ? `${corporateNumberCheckDigit(base)}${base}` : null;
    const phone = `+81${prefecture === '13' ? '3' : '6'}${String(10_000_000 + i * 7919).slice(0, 8)}`;
    const derived = derivedFields({
      name,
      nameKana,
      corporateNumber,
      industryCode: industry,
      smeSector: null,
      employees,
      capitalYen,
      phones: [phone],
    });
    const [org] = await db.query<{ id: string }[]>(
      `INSERT INTO organization (name, name_kana, corporate_number, prefecture_code, industry_code, employees,
         capital_yen, telework_status, chamber_member, phone, sme, sme_reason, name_normalized, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        name,
        nameKana,
        corporateNumber,
        prefecture,
        industry,
        employees,
        capitalYen,
        pick(['not_started', 'not_started', 'trial', 'partial', 'adopted']),
        rnd() < 0.4,
        phone,
        derived.sme,
        derived.smeReason,
        derived.nameNormalized,
        derived.searchText,
      ],
    );
    if (!org) {
      continue; // an (unlikely) corporate-number collision
    }
    const [contact] = await db.query<{ id: string }[]>(
      `INSERT INTO contact (organization_id, name, title, phone, email) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [org.id, `${pick(SURNAMES)} ${pick(GIVEN)}`, pick(TITLES), null, `info${i}@example.co.jp`],
    );
    organizations.push({ id: org.id, prefecture, contactId: contact!.id });
  }

  const channelPool = CHANNEL_WEIGHTS.flatMap(([channel, weight]) =>
    Array<string>(weight).fill(channel),
  );
  const sequences = new Map<number, number>();
  // Received times first, oldest first, so case numbers follow arrival as they do at a real desk.
  const arrivals = Array.from({ length: DEMO_CASES }, () => {
    const days = Math.floor(rnd() * rnd() * 540);
    const at = new Date(now.getTime() - days * 86_400_000);
    // Desk hours: 9:00–17:00 JST is 00:00–08:00 UTC.
    at.setUTCHours(Math.floor(rnd() * 8), Math.floor(rnd() * 60), 0, 0);
    // The desk is closed at weekends (the same calendar day in UTC and JST at these hours).
    while (at > now || at.getUTCDay() === 0 || at.getUTCDay() === 6) {
      at.setUTCDate(at.getUTCDate() - 1);
    }
    return at;
  }).sort((a, b) => a.getTime() - b.getTime());
  for (const receivedAt of arrivals) {
    const org = pick(organizations);
    const channel = pick(channelPool);
    const ageDays = (now.getTime() - receivedAt.getTime()) / 86_400_000;
    const regional =
      channel === 'walk_in' || channel === 'seminar' || channel === 'chamber_referral';
    const deskId = regional ? (coverage.get(org.prefecture) ?? 'national') : 'national';
    const staff = users.filter((u) =>
      deskId === 'national' ? u.role === 'operator' : u.desk_id === deskId,
    );
    const topics = [...new Set([pick(TOPICS).code, ...(rnd() < 0.4 ? [pick(TOPICS).code] : [])])];
    const status: CaseStatus =
      ageDays > 120
        ? 'closed'
        : pick<CaseStatus>([
            'new',
            'in_progress',
            'in_progress',
            'waiting_on_customer',
            'referred_to_expert',
            'follow_up',
            'resolved',
            'closed',
          ]);
    const closed = status === 'closed';
    const outcome = closed ? pick(CASE_OUTCOMES) : null;
    const fiscalYear = fiscalYearOf(receivedAt);
    const sequence = (sequences.get(fiscalYear) ?? 0) + 1;
    sequences.set(fiscalYear, sequence);
    const [created] = await db.query<{ id: string }[]>(
      `INSERT INTO "case" (number, organization_id, contact_id, desk_id, assignee_id, channel, status, subject,
         description, received_at, first_responded_at, outcome, outcome_confirmed_on, not_adopted_reason, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        formatCaseNumber(fiscalYear, sequence),
        org.id,
        org.contactId,
        deskId,
        staff.length > 0 && status !== 'new' ? pick(staff).id : null,
        channel,
        status,
        SUBJECTS[topics[0]!] ?? 'テレワーク導入の相談',
        'デモデータ: テレワーク導入に関するご相談。',
        receivedAt,
        channel === 'email' || channel === 'web'
          ? status === 'new'
            ? null
            : receivedAt
          : receivedAt,
        outcome,
        closed ? receivedAt.toISOString().slice(0, 10) : null,
        outcome === 'not_adopted' ? '業務の性質上、現時点では難しい' : null,
        closed ? receivedAt : null,
      ],
    );
    await db.query(`INSERT INTO case_topic (case_id, topic_code) SELECT $1, unnest($2::text[])`, [
      created!.id,
      topics,
    ]);
    await timeline.append(db, {
      caseId: created!.id,
      kind: 'created',
      actorId: null,
      at: receivedAt,
      data: { channel, topics },
    });
  }
  for (const [fiscalYear, last] of sequences) {
    await db.query(
      `INSERT INTO case_number_sequence (fiscal_year, last_value) VALUES ($1, $2)
       ON CONFLICT (fiscal_year) DO UPDATE SET last_value = GREATEST(case_number_sequence.last_value, EXCLUDED.last_value)`,
      [fiscalYear, last],
    );
  }
  return true;
}
