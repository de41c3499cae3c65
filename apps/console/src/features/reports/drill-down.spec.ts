import { caseListLink } from './drill-down';
import { readReportFilters } from './report-filters';

const params = (link: string | null) =>
  Object.fromEntries(new URLSearchParams(link!.split('?')[1]));

describe(caseListLink.name, () => {
  const fy2026 = readReportFilters(
    new URLSearchParams('period=this_fy&deskId=kanto'),
    '2026-11-23',
  );

  it('turns a month bar into a received window of Tokyo days, the end exclusive', () => {
    expect(params(caseListLink(fy2026, { month: '2026-10', channel: 'email' }))).toEqual({
      deskId: 'kanto',
      channel: 'email',
      receivedFrom: '2026-09-30T15:00:00.000Z',
      receivedTo: '2026-10-31T15:00:00.000Z',
    });
  });

  it('cuts a month bar to a custom period that starts mid-month', () => {
    const custom = readReportFilters(
      new URLSearchParams('period=custom&from=2026-10-15&to=2026-12-31'),
      '2026-11-23',
    );
    expect(params(caseListLink(custom, { month: '2026-10' }))).toEqual({
      receivedFrom: '2026-10-14T15:00:00.000Z',
      receivedTo: '2026-10-31T15:00:00.000Z',
    });
  });

  it('maps the dimensions to the case list’s own filter names', () => {
    expect(
      params(caseListLink(fy2026, { block: 'kinki', size_band: '301+', topic2: 'LAB.TIME' })),
    ).toMatchObject({ block: 'kinki', sizeBand: '301+', topic: 'LAB.TIME', deskId: 'kanto' });
    expect(params(caseListLink(fy2026, { desk: 'kinki' })).deskId).toBe('kinki');
  });

  it('has no link for an unknown prefecture, industry or topic', () => {
    expect(caseListLink(fy2026, { prefecture: 'unknown' })).toBeNull();
    expect(caseListLink(fy2026, { topic: 'unknown' })).toBeNull();
    expect(caseListLink(fy2026, { block: 'unknown' })).not.toBeNull();
  });
});
