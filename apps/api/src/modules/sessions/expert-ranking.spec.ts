import { type RankingExpert, rankExpert } from './expert-ranking';

const expert = (overrides: Partial<RankingExpert> = {}): RankingExpert => ({
  specialties: [],
  prefectures: [],
  capacityPerMonth: 8,
  sessionsThisMonth: 0,
  busyMinutesOnDate: 0,
  sessionsWithOrganization: 0,
  ...overrides,
});
const kase = { topics: ['LAB.TIME', 'ICT.SEC'], prefectureCode: '13' };
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe(rankExpert.name, () => {
  it('gives full marks to a free local expert on every topic', () => {
    const r = rankExpert(
      kase,
      expert({ specialties: ['LAB.TIME', 'ICT.SEC'], prefectures: ['13'] }),
      '2026-12-01',
    );
    expect(r.score).toBe(100);
    expect(r.reasons).toEqual([
      { code: 'TOPIC_MATCH', detail: 'LAB.TIME, ICT.SEC (2 of 2)' },
      { code: 'COVERS_PREFECTURE', detail: '13' },
      { code: 'CAPACITY_LEFT', detail: '0 of 8 this month' },
      { code: 'FREE_ON_DATE', detail: 'free all day on 2026-12-01' },
    ]);
  });

  it('ranks topic fit above coverage, and coverage above free time', () => {
    const onTopic = rankExpert(kase, expert({ specialties: ['LAB.TIME', 'ICT.SEC'] }), 'd');
    const local = rankExpert(kase, expert({ prefectures: ['13'] }), 'd');
    const busyLocal = rankExpert(
      kase,
      expert({ prefectures: ['13'], busyMinutesOnDate: 480 }),
      'd',
    );
    expect(onTopic.score).toBeGreaterThan(local.score);
    expect(local.score).toBeGreaterThan(busyLocal.score);
    expect(codes(busyLocal)).toContain('BUSY_ON_DATE');
  });

  it('gives some credit for the same field, less than for the topic itself', () => {
    const same = rankExpert(kase, expert({ specialties: ['LAB.RULES'] }), 'd');
    const exact = rankExpert(kase, expert({ specialties: ['LAB.TIME'] }), 'd');
    const none = rankExpert(kase, expert(), 'd');
    expect(codes(same)).toContain('TOPIC_CATEGORY_MATCH');
    expect(codes(none)).toContain('NO_TOPIC_MATCH');
    expect(exact.score).toBeGreaterThan(same.score);
    expect(same.score).toBeGreaterThan(none.score);
  });

  it('pushes an expert at capacity down and says why', () => {
    const full = rankExpert(kase, expert({ specialties: ['LAB.TIME'], sessionsThisMonth: 8 }), 'd');
    const free = rankExpert(kase, expert({ specialties: ['LAB.TIME'] }), 'd');
    expect(full.reasons).toContainEqual({ code: 'AT_CAPACITY', detail: '8 of 8 this month' });
    expect(free.score - full.score).toBeGreaterThanOrEqual(40);
  });

  it('prefers an expert who already knows the organization', () => {
    const known = rankExpert(kase, expert({ sessionsWithOrganization: 2 }), 'd');
    expect(known.score).toBe(rankExpert(kase, expert(), 'd').score + 5);
    expect(codes(known)).toContain('KNOWS_ORGANIZATION');
  });

  it('says when the organization’s prefecture is unknown', () => {
    const r = rankExpert({ ...kase, prefectureCode: null }, expert(), 'd');
    expect(codes(r)).toContain('PREFECTURE_UNKNOWN');
  });
});
