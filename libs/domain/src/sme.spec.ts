import { smeSectorOfIndustry } from './industries';
import { classifySme, sizeBand } from './sme';

describe(classifySme.name, () => {
  it('meets the capital test alone', () => {
    expect(
      classifySme({ industryCode: 'E', capitalYen: 300_000_000, employees: 5000 }),
    ).toMatchObject({
      sme: true,
      reason: 'CAPITAL_TEST_MET',
    });
  });

  it('meets the employee test alone', () => {
    expect(
      classifySme({ industryCode: 'E', capitalYen: 1_000_000_000, employees: 300 }),
    ).toMatchObject({
      sme: true,
      reason: 'EMPLOYEE_TEST_MET',
    });
  });

  it('is not an SME when both tests fail', () => {
    expect(classifySme({ industryCode: 'G', capitalYen: 60_000_000, employees: 101 })).toEqual({
      sme: false,
      smallEnterprise: false,
      reason: 'EXCEEDS_BOTH',
    });
  });

  it('uses each sector’s thresholds', () => {
    // Wholesale: ¥100M / 100 people.
    expect(
      classifySme({
        industryCode: 'I',
        smeSector: 'wholesale',
        capitalYen: 100_000_000,
        employees: 500,
      }).sme,
    ).toBe(true);
    // Retail (the default reading of I): ¥50M / 50 people.
    expect(classifySme({ industryCode: 'I', capitalYen: 100_000_000, employees: 60 }).sme).toBe(
      false,
    );
    // Services: ¥50M / 100 people.
    expect(classifySme({ industryCode: 'L', capitalYen: 80_000_000, employees: 100 }).sme).toBe(
      true,
    );
  });

  it('skips the capital test for non-companies', () => {
    expect(
      classifySme({ industryCode: 'P', isCompany: false, capitalYen: 0, employees: 500 }),
    ).toMatchObject({
      sme: false,
      reason: 'EXCEEDS_BOTH',
    });
  });

  it('answers null with a reason when the data cannot tell', () => {
    expect(classifySme({ employees: 10 })).toEqual({
      sme: null,
      smallEnterprise: null,
      reason: 'NO_INDUSTRY',
    });
    expect(classifySme({ industryCode: 'E' })).toMatchObject({
      sme: null,
      reason: 'INSUFFICIENT_DATA',
    });
    // Too many people, but the capital might still pass: unknown.
    expect(classifySme({ industryCode: 'E', employees: 1000 })).toMatchObject({
      sme: null,
      reason: 'INSUFFICIENT_DATA',
    });
  });

  it('flags small enterprises (≤ 20, or ≤ 5 in commerce and services)', () => {
    expect(classifySme({ industryCode: 'E', employees: 20 }).smallEnterprise).toBe(true);
    expect(classifySme({ industryCode: 'L', employees: 6 }).smallEnterprise).toBe(false);
  });
});

describe(smeSectorOfIndustry.name, () => {
  it('reads mixed groups strictly unless told', () => {
    expect(smeSectorOfIndustry('I')).toBe('retail');
    expect(smeSectorOfIndustry('M')).toBe('retail');
    expect(smeSectorOfIndustry('I', 'wholesale')).toBe('wholesale');
    expect(smeSectorOfIndustry('E')).toBe('manufacturing_other');
    expect(smeSectorOfIndustry('R')).toBe('services');
  });
});

describe(sizeBand.name, () => {
  it.each([
    [0, '1-4'],
    [4, '1-4'],
    [5, '5-20'],
    [50, '21-50'],
    [100, '51-100'],
    [300, '101-300'],
    [301, '301+'],
  ] as const)('%i employees → %s', (n, band) => {
    expect(sizeBand(n)).toBe(band);
  });

  it('is null when unknown', () => {
    expect(sizeBand(null)).toBeNull();
  });
});
