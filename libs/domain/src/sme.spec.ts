import type { SmeSector } from './industries';
import {
  classifySme,
  finerIndustryCodeMatters,
  SME_THRESHOLDS,
  type SmeInput,
  sizeBand,
} from './sme';

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
    expect(classifySme({ industryCode: 'G', capitalYen: 400_000_000, employees: 301 })).toEqual({
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
    // Retail (I 56–61): ¥50M / 50 people.
    expect(
      classifySme({
        industryCode: 'I',
        industrySubcode: '58',
        capitalYen: 100_000_000,
        employees: 60,
      }).sme,
    ).toBe(false);
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

// One code that decides each sector, and the limits DOMAIN.md gives for it.
const SECTOR_CODES: [
  SmeSector,
  Pick<SmeInput, 'industryCode' | 'industrySubcode'>,
  number,
  number,
  number,
][] = [
  ['manufacturing_other', { industryCode: 'E' }, 300_000_000, 300, 20],
  ['wholesale', { industryCode: 'I', industrySubcode: '52' }, 100_000_000, 100, 5],
  ['retail', { industryCode: 'I', industrySubcode: '58' }, 50_000_000, 50, 5],
  ['services', { industryCode: 'L' }, 50_000_000, 100, 5],
];

describe.each(SECTOR_CODES)('%s thresholds', (sector, code, capital, employees, small) => {
  const big = { capitalYen: 10_000_000_000, employees: 100_000 };

  it('matches DOMAIN.md', () => {
    expect(SME_THRESHOLDS[sector]).toEqual({
      capitalYen: capital,
      employees,
      smallEnterprise: small,
    });
  });

  it(`meets the capital test at ¥${capital} and not one yen above`, () => {
    expect(classifySme({ ...code, ...big, capitalYen: capital })).toMatchObject({
      sme: true,
      reason: 'CAPITAL_TEST_MET',
    });
    expect(classifySme({ ...code, ...big, capitalYen: capital + 1 })).toMatchObject({
      sme: false,
      reason: 'EXCEEDS_BOTH',
    });
  });

  it(`meets the employee test at ${employees} people and not one above`, () => {
    expect(classifySme({ ...code, ...big, employees })).toMatchObject({
      sme: true,
      reason: 'EMPLOYEE_TEST_MET',
    });
    expect(classifySme({ ...code, ...big, employees: employees + 1 })).toMatchObject({
      sme: false,
      reason: 'EXCEEDS_BOTH',
    });
  });

  it(`is a small enterprise at ${small} people and not one above`, () => {
    expect(classifySme({ ...code, employees: small }).smallEnterprise).toBe(true);
    expect(classifySme({ ...code, employees: small + 1 }).smallEnterprise).toBe(false);
  });

  it('takes the same limits from an explicit sector', () => {
    expect(classifySme({ smeSector: sector, ...big, employees }).sme).toBe(true);
    expect(classifySme({ smeSector: sector, ...big, employees: employees + 1 }).sme).toBe(false);
  });
});

describe('classifySme by JSIC middle and minor group', () => {
  const at = (industryCode: string, industrySubcode: string | null, employees: number) =>
    classifySme({ industryCode, industrySubcode, capitalYen: 400_000_000, employees }).sme;

  it('reads real estate (K 68, 691, 692, 694) as manufacturing and others, parking and rental as services', () => {
    for (const sub of ['68', '691', '692', '694']) {
      expect(at('K', sub, 300)).toBe(true);
    }
    expect(at('K', '693', 300)).toBe(false);
    expect(at('K', '693', 100)).toBe(true);
    expect(at('K', '70', 101)).toBe(false);
  });

  it('reads telecommunications (G 37) and internet services (G 40) as manufacturing and others', () => {
    expect(at('G', '37', 300)).toBe(true);
    expect(at('G', '38', 300)).toBe(false);
    expect(at('G', '39', 101)).toBe(false);
    expect(at('G', '40', 300)).toBe(true);
    expect(at('G', '411', 101)).toBe(false);
    expect(at('G', '414', 300)).toBe(true);
  });

  it('reads lodging (M 75) as services and restaurants (M 76, 77) as retail', () => {
    expect(at('M', '75', 100)).toBe(true);
    expect(at('M', '76', 100)).toBe(false);
    expect(at('M', '77', 50)).toBe(true);
  });

  it('reads travel agencies (N 791) as manufacturing and others, the rest of N as services', () => {
    expect(at('N', '791', 300)).toBe(true);
    expect(at('N', '78', 300)).toBe(false);
    expect(at('N', '80', 100)).toBe(true);
  });

  it('reads I 55 as wholesale and I 56 as retail', () => {
    expect(at('I', '55', 100)).toBe(true);
    expect(at('I', '56', 100)).toBe(false);
    expect(at('I', '61', 50)).toBe(true);
  });
});

describe('classifySme with an ambiguous JSIC code', () => {
  it.each(['G', 'I', 'K', 'M', 'N'])(
    '%s: capital ≤ ¥50M is an SME in every sector',
    (industryCode) => {
      expect(classifySme({ industryCode, capitalYen: 50_000_000, employees: 100_000 })).toEqual({
        sme: true,
        smallEnterprise: false,
        reason: 'CAPITAL_TEST_MET',
      });
    },
  );

  it.each(['G', 'I', 'K', 'M', 'N'])('%s: above every limit is an SME in none', (industryCode) => {
    expect(classifySme({ industryCode, capitalYen: 300_000_001, employees: 301 })).toEqual({
      sme: false,
      smallEnterprise: false,
      reason: 'EXCEEDS_BOTH',
    });
  });

  it.each([
    ['I', 80], // wholesale ≤ 100, retail ≤ 50
    ['M', 80], // services ≤ 100, retail ≤ 50
    ['G', 200], // manufacturing ≤ 300, services ≤ 100
    ['K', 200],
    ['N', 200],
  ])('%s with %i people and a large capital is unknown', (industryCode, employees) => {
    const input = { industryCode, capitalYen: 400_000_000, employees };
    expect(classifySme(input)).toEqual({
      sme: null,
      smallEnterprise: false,
      reason: 'SECTOR_UNKNOWN',
    });
    expect(finerIndustryCodeMatters(input)).toBe(true);
  });

  it('is unknown for I with 80 people and no capital given', () => {
    expect(classifySme({ industryCode: 'I', employees: 80 })).toMatchObject({
      sme: null,
      reason: 'SECTOR_UNKNOWN',
    });
  });

  it('names the test met in every possible sector', () => {
    // ¥80M passes wholesale's capital test only, 40 people passes both employee tests.
    expect(classifySme({ industryCode: 'I', capitalYen: 80_000_000, employees: 40 })).toEqual({
      sme: true,
      smallEnterprise: false,
      reason: 'EMPLOYEE_TEST_MET',
    });
  });

  it('still needs the minor group in G 41, K 69 and N 79', () => {
    for (const [industryCode, industrySubcode] of [
      ['G', '41'],
      ['K', '69'],
      ['N', '79'],
    ]) {
      const input = { industryCode, industrySubcode, capitalYen: 400_000_000, employees: 200 };
      expect(classifySme(input).reason).toBe('SECTOR_UNKNOWN');
      expect(finerIndustryCodeMatters(input)).toBe(true);
    }
  });

  it('leaves small enterprise unknown when the sectors disagree on it', () => {
    // ≤ 20 in manufacturing and others, ≤ 5 in services.
    expect(classifySme({ industryCode: 'G', employees: 10 })).toEqual({
      sme: true,
      smallEnterprise: null,
      reason: 'EMPLOYEE_TEST_MET',
    });
    expect(
      classifySme({ industryCode: 'G', industrySubcode: '37', employees: 10 }).smallEnterprise,
    ).toBe(true);
  });

  it('lets an explicit sector win over the codes', () => {
    const input = {
      industryCode: 'I',
      smeSector: 'wholesale' as const,
      capitalYen: 400_000_000,
      employees: 80,
    };
    expect(classifySme(input)).toMatchObject({ sme: true, reason: 'EMPLOYEE_TEST_MET' });
    expect(finerIndustryCodeMatters(input)).toBe(false);
    expect(
      classifySme({
        ...input,
        industryCode: 'K',
        industrySubcode: '68',
        smeSector: 'services',
        employees: 200,
      }).sme,
    ).toBe(false);
  });

  it('does not ask for a finer code when it would not change the verdict', () => {
    expect(finerIndustryCodeMatters({ industryCode: 'I', capitalYen: 10_000_000 })).toBe(false);
    expect(finerIndustryCodeMatters({ industryCode: 'I', employees: 30 })).toBe(false);
    expect(finerIndustryCodeMatters({ industryCode: 'E', employees: 200 })).toBe(false);
    expect(finerIndustryCodeMatters({ industryCode: 'I' })).toBe(false);
    expect(
      finerIndustryCodeMatters({ industryCode: 'I', industrySubcode: '52', employees: 80 }),
    ).toBe(false);
  });

  it('is insufficient data, not sector unknown, when no sector could tell', () => {
    expect(classifySme({ industryCode: 'K', employees: 500 })).toMatchObject({
      sme: null,
      reason: 'INSUFFICIENT_DATA',
    });
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
