import { formatJapanesePhone } from '@madoguchi/domain';
import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import {
  description,
  domestic,
  makeContact,
  makeOrganization,
  pick,
  pickChannel,
  type Random,
  subjectFor,
  topicsFor,
} from './dataset';

/**
 * What the benchmark asks for: real ids and names sampled from the loaded database, and query
 * strings that vary from request to request the way desk staff type them.
 */
export interface WorkloadData {
  caseIds: string[];
  caseNumbers: string[];
  /** Existing organizations with one of their contacts (null when they have none). */
  organizations: { id: string; contactId: string | null; name: string; phone: string | null }[];
  /** Contacts' numbers (E.164), for the case search's phone lookup. */
  contactPhones: string[];
}

export async function sampleWorkload(url: string): Promise<WorkloadData> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // BERNOULLI samples rows uniformly (SYSTEM would return whole pages of neighbours).
    const cases = await client.query<{ id: string; number: string }>(
      `SELECT id, number FROM "case" TABLESAMPLE BERNOULLI (
         least(100, 100.0 * 6000 / greatest(1, (SELECT reltuples FROM pg_class WHERE oid = '"case"'::regclass))))
        LIMIT 5000`,
    );
    const organizations = await client.query<{
      id: string;
      contact_id: string | null;
      name: string;
      phone: string | null;
    }>(
      `SELECT o.id, o.name, o.phone,
              (SELECT c.id FROM contact c WHERE c.organization_id = o.id LIMIT 1) AS contact_id
         FROM organization o TABLESAMPLE BERNOULLI (
           least(100, 100.0 * 3000 / greatest(1, (SELECT reltuples FROM pg_class WHERE oid = 'organization'::regclass))))
        LIMIT 2000`,
    );
    const contacts = await client.query<{ phone: string }>(
      `SELECT phone FROM contact TABLESAMPLE BERNOULLI (
         least(100, 100.0 * 3000 / greatest(1, (SELECT reltuples FROM pg_class WHERE oid = 'contact'::regclass))))
        WHERE phone IS NOT NULL LIMIT 2000`,
    );
    if (cases.rows.length === 0 || organizations.rows.length === 0) {
      throw new Error('The benchmark database holds no cases or organizations');
    }
    return {
      caseIds: cases.rows.map((r) => r.id),
      caseNumbers: cases.rows.map((r) => r.number),
      organizations: organizations.rows.map((r) => ({
        id: r.id,
        contactId: r.contact_id,
        name: r.name,
        phone: r.phone,
      })),
      contactPhones: contacts.rows.map((r) => r.phone),
    };
  } finally {
    await client.end();
  }
}

const query = (params: Record<string, string | undefined>): string =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();

const STATUS_FILTERS = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'follow_up',
  'new,in_progress',
];
const REGIONAL_DESKS = ['kanto', 'kinki', 'tokai', 'kyushu', 'tohoku'];
const CHANNEL_FILTERS = ['phone', 'email', 'web', 'walk_in', undefined];

/** The first page of a filtered list: the example, and its neighbours. */
export function listFiltersPath(rnd: Random): string {
  if (rnd() < 0.4) {
    return `/api/cases?${query({ status: 'new', channel: 'email', deskId: 'national', limit: '50' })}`;
  }
  const desk = rnd() < 0.6 ? 'national' : pick(rnd, REGIONAL_DESKS);
  return `/api/cases?${query({
    status: pick(rnd, STATUS_FILTERS),
    channel: desk === 'national' ? pick(rnd, CHANNEL_FILTERS) : undefined,
    deskId: desk,
    limit: '50',
  })}`;
}

const SUBJECT_WORDS = [
  'VPN',
  '労災',
  '助成金',
  'クラウドPBX',
  'ハラスメント',
  '就業規則',
  'Web会議',
];
const NAME_WORDS = ['山田商事', '東邦工業', '大和建設', 'テレワーク', 'ヤマダ', 'とうほう', '富士'];

// Words staff type as several (a full-width space between) and single characters.
const MULTI_WORDS = ['テレワーク　商事', 'ヤマダ　労災', 'vpn 東邦'];
const ONE_CHARACTER = ['鉄', 'ｸ'];

/** The search box of the case list: a case number, an organization, or words of the subject. */
export function listTextPath(rnd: Random, data: WorkloadData): string {
  const r = rnd();
  const q =
    r < 0.2
      ? pick(rnd, data.caseNumbers)
      : r < 0.45
        ? pick(rnd, NAME_WORDS)
        : r < 0.6
          ? stripLegalForm(pick(rnd, data.organizations).name)
          : r < 0.9
            ? pick(rnd, SUBJECT_WORDS)
            : r < 0.96
              ? pick(rnd, MULTI_WORDS)
              : pick(rnd, ONE_CHARACTER);
  return `/api/cases?${query({ q, status: rnd() < 0.3 ? 'new,in_progress' : undefined, limit: '50' })}`;
}

/**
 * Every kind of query of listTextPath, one by one, for figures per query: a fixed word, or a
 * sample (case numbers, organization names) that changes from request to request.
 */
export function textQueries(
  data: WorkloadData,
): { label: string; q: (i: number) => string; sampled: boolean }[] {
  const fixed = [...NAME_WORDS, ...SUBJECT_WORDS, ...MULTI_WORDS, ...ONE_CHARACTER].map((word) => ({
    label: word,
    q: () => word,
    sampled: false,
  }));
  return [
    {
      label: 'case number (sampled)',
      q: (i) => data.caseNumbers[i % data.caseNumbers.length]!,
      sampled: true,
    },
    ...fixed,
    {
      label: 'organization name (sampled)',
      q: (i) => stripLegalForm(data.organizations[i % data.organizations.length]!.name),
      sampled: true,
    },
    // As staff read it off a caller display: 090-1234-5678 (an exact lookup, not a text search).
    ...(data.contactPhones.length > 0
      ? [
          {
            label: 'contact phone (sampled)',
            q: (i: number) =>
              formatJapanesePhone(data.contactPhones[i % data.contactPhones.length]!),
            sampled: true,
          },
        ]
      : []),
  ];
}

export const textQueryPath = (q: string, status?: string): string =>
  `/api/cases?${query({ q, status, limit: '50' })}`;

const stripLegalForm = (name: string): string =>
  name.replace(/^(株式会社|有限会社|一般社団法人)|(株式会社|合同会社)$/g, '');

const TWO_CHARACTER = [
  '商事',
  '工業',
  '建設',
  '食品',
  '山田',
  '東邦',
  '大和',
  '物産',
  '電機',
  '富士',
];
const KANA = [
  'ヤマダ',
  'トウホウ',
  'ダイワ',
  'ショウジ',
  'やまだ',
  'とうほう',
  'ﾃﾚﾜｰｸ',
  'ﾔﾏﾀﾞ',
  'ｼｮｳｼﾞ',
];
const COMBINED = ['山田商事', '東邦工業', '大和建設', 'テレワーク商事', '日本食品', '富士電機'];

/** Typeahead as the intake form sends it (limit 8): two characters, kana of any width, names, numbers. */
export function typeaheadPath(rnd: Random, data: WorkloadData): string {
  const r = rnd();
  let q: string;
  if (r < 0.35) {
    q = pick(rnd, TWO_CHARACTER);
  } else if (r < 0.6) {
    q = pick(rnd, KANA);
  } else if (r < 0.8) {
    q = pick(rnd, COMBINED);
  } else if (r < 0.93) {
    const name = stripLegalForm(pick(rnd, data.organizations).name);
    q = name.slice(0, Math.max(2, Math.ceil(name.length * (0.5 + rnd() / 2))));
  } else {
    const phone = data.organizations.find((o) => o.phone && rnd() < 0.1)?.phone;
    q = phone ? domestic(phone) : '03-1234';
  }
  return `/api/organizations?${query({ q, limit: '8' })}`;
}

let newcomer = 0;

// Where this run's 050 numbers start. A reused dataset keeps every earlier run's newcomers, and
// numbers drawn at random met one of theirs now and then: a possible-duplicate 409 on either
// server, one to three a run. Consecutive numbers from a random start overlap an earlier run's
// only if their ranges do.
const LINES = 90_000_000;
const LINE_START = randomInt(LINES);
const line = (n: number) => {
  const v = (LINE_START + n) % LINES;
  return `050-${1000 + Math.floor(v / 10_000)}-${String(v % 10_000).padStart(4, '0')}`;
};

/**
 * One intake as the console posts it: half for known organizations, half for new ones. A new
 * one is really new — its name carries a tag and its lines are 050 numbers the dataset never
 * uses — so the duplicate check runs in full and finds nothing, as it does for a true newcomer,
 * instead of answering 409 where the generator happened to repeat a name or a number.
 */
export function intakeBody(rnd: Random, data: WorkloadData): string {
  const channel = pickChannel(rnd);
  const topics = topicsFor(rnd);
  const known = rnd() < 0.5 ? pick(rnd, data.organizations) : null;
  const seed = makeOrganization(rnd, null);
  const person = makeContact(rnd, seed.domain);
  newcomer += 1;
  const tag = `${process.pid.toString(36)}${newcomer.toString(36)}`;
  const organization = known
    ? { id: known.id }
    : {
        name: `${seed.name} ${tag}`,
        nameKana: seed.nameKana,
        corporateNumber: seed.corporateNumber ?? undefined,
        prefectureCode: seed.prefectureCode,
        address: seed.address,
        industryCode: seed.industryCode,
        employees: seed.employees,
        capitalYen: seed.capitalYen ?? undefined,
        phone: seed.phone ? line(newcomer * 2) : undefined,
      };
  const contact =
    known?.contactId && rnd() < 0.8
      ? { id: known.contactId }
      : {
          name: person.name,
          nameKana: person.nameKana,
          title: person.title ?? undefined,
          phone: person.phone
            ? known
              ? domestic(person.phone)
              : line(newcomer * 2 + 1)
            : undefined,
          email: person.email ?? undefined,
        };
  return JSON.stringify({
    channel,
    organization,
    contact,
    topics,
    subject: subjectFor(rnd, topics[0]!),
    description: description(rnd, seed.employees),
    ...(channel === 'phone'
      ? { callDirection: 'inbound', callDurationSeconds: Math.floor(60 + rnd() * 1200) }
      : {}),
  });
}
