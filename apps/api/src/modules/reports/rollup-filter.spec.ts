import type { Principal } from '../../common/auth/principal';
import { median, weightedMedian } from './percent';
import { RollupFilter } from './rollup-filter';

const manager = (deskId: string | null): Principal => ({
  userId: 'u',
  email: 'm@example.jp',
  displayName: 'm',
  role: 'manager',
  deskId,
  mustChangePassword: false,
  totpEnabled: false,
  via: 'session',
});

describe(RollupFilter.name, () => {
  it('answers whole months and fiscal years only from the coarser roll-ups', () => {
    const all = manager('national');
    const fy = { from: '2025-04-01', to: '2026-03-31' };
    expect(RollupFilter.coarsest(fy, all, ['fiscal_year', 'month', 'day'])?.grain).toBe(
      'fiscal_year',
    );
    const quarter = { from: '2025-04-01', to: '2025-06-30' };
    expect(RollupFilter.coarsest(quarter, all, ['fiscal_year', 'month', 'day'])?.grain).toBe(
      'month',
    );
    const odd = { from: '2025-04-02', to: '2025-06-30' };
    expect(RollupFilter.coarsest(odd, all, ['fiscal_year', 'month', 'day'])?.grain).toBe('day');
    expect(RollupFilter.monthAligned({ to: '2024-02-29' })).toBe(true);
    expect(RollupFilter.monthAligned({ to: '2025-02-28' })).toBe(true);
    expect(RollupFilter.monthAligned({ to: '2024-02-28' })).toBe(false);
  });

  it('leaves organization and topic filters to the base tables', () => {
    for (const filter of [
      { prefectureCode: '13' },
      { industryCode: 'I' },
      { sme: 'true' as const },
      { topic: 'LAB' },
    ]) {
      expect(RollupFilter.covering(filter, manager(null), 'day')).toBeNull();
    }
  });

  it("keeps a regional manager to their desk's scope, and fiscal years as numbers", () => {
    const f = RollupFilter.covering(
      { from: '2025-04-01', to: '2027-03-31', channel: 'email' },
      manager('kanto'),
      'fiscal_year',
    )!;
    expect(f.where).toBe(
      '(c.desk_id = $1 OR c.transfer_to_desk_id = $1) AND c.fiscal_year >= $2 AND c.fiscal_year <= $3 AND c.channel = $4',
    );
    expect(f.params).toEqual(['kanto', 2025, 2026, 'email']);
  });
});

describe(weightedMedian.name, () => {
  it('answers what median answers over the values repeated', () => {
    const histograms: [number, number][][] = [
      [],
      [[3, 1]],
      [
        [5, 2],
        [1, 1],
      ],
      [
        [0.5, 3],
        [2, 3],
      ],
      [
        [7, 0],
        [1, 2],
        [4, 1],
        [2, 4],
      ],
    ];
    for (const histogram of histograms) {
      const values = histogram.flatMap(([v, n]) => Array<number>(n).fill(v));
      expect(weightedMedian(histogram)).toBe(median(values));
    }
  });
});
