import {
  presetRange,
  readReportFilters,
  reportFiscalYears,
  reportMonthGroups,
  reportQuery,
  tokyoToday,
} from './report-filters';

describe(presetRange.name, () => {
  it('counts months and fiscal years (April–March) from today in Tokyo', () => {
    expect(presetRange('this_month', '2026-02-10')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(presetRange('last_month', '2026-01-05')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(presetRange('this_fy', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(presetRange('this_fy', '2026-04-01')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(presetRange('last_fy', '2026-11-23')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
});

describe(readReportFilters.name, () => {
  it('defaults to this fiscal year and keeps only known filters', () => {
    const filters = readReportFilters(new URLSearchParams('channel=email&foo=1'), '2026-11-23');
    expect(reportQuery(filters)).toEqual({
      from: '2026-04-01',
      to: '2027-03-31',
      channel: 'email',
    });
  });

  it('keeps custom dates as typed', () => {
    const filters = readReportFilters(
      new URLSearchParams('period=custom&from=2026-10-01'),
      '2026-11-23',
    );
    expect(reportQuery(filters)).toEqual({ from: '2026-10-01' });
  });
});

describe(tokyoToday.name, () => {
  it('is already tomorrow in Tokyo at 15:00 UTC', () => {
    expect(tokyoToday(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });
});

describe(reportMonthGroups.name, () => {
  it('offers this fiscal year and the four before it, newest first, split on April', () => {
    const groups = reportMonthGroups('2026-12-06');
    expect(groups.map((g) => g.fiscalYear)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(groups[0]!.months).toEqual([
      '2026-12',
      '2026-11',
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
    ]);
    expect(groups[1]!.months).toHaveLength(12);
    expect(groups[1]!.months[0]).toBe('2026-03');
    expect(groups[1]!.months.at(-1)).toBe('2025-04');
    expect(groups.at(-1)!.months.at(-1)).toBe('2022-04');
  });

  it('starts a fiscal year on April 1: March belongs to the year before', () => {
    expect(reportMonthGroups('2026-03-31')[0]).toMatchObject({ fiscalYear: 2025 });
    expect(reportMonthGroups('2026-04-01')[0]).toEqual({ fiscalYear: 2026, months: ['2026-04'] });
  });

  it('widens to a month a link asks for, older or later, and ignores one that is not a month', () => {
    const older = reportMonthGroups('2026-12-06', '2019-05');
    expect(older.at(-1)).toMatchObject({ fiscalYear: 2019 });
    expect(older.at(-1)!.months.at(-1)).toBe('2019-04');
    expect(reportMonthGroups('2026-12-06', '2027-02')[0]!.months[0]).toBe('2027-02');
    expect(reportMonthGroups('2026-12-06', '2026-13')).toEqual(reportMonthGroups('2026-12-06'));
  });
});

describe(reportFiscalYears.name, () => {
  it('offers ten fiscal years, newest first, widened to the one asked for', () => {
    expect(reportFiscalYears('2026-03-31')).toEqual([
      2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016,
    ]);
    expect(reportFiscalYears('2026-12-06', 2010).at(-1)).toBe(2010);
    expect(reportFiscalYears('2026-12-06', 2027)[0]).toBe(2027);
  });
});
