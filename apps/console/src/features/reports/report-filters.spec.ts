import { presetRange, readReportFilters, reportQuery, tokyoToday } from './report-filters';

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
