import {
  INDUSTRIES,
  INDUSTRY_SUBGROUPS,
  industrySubcodeChoices,
  isIndustrySubcodeOf,
  JSIC_MIDDLE_GROUPS,
  possibleSmeSectors,
  type SmeSector,
  smeSectorOfIndustry,
} from './industries';

describe(isIndustrySubcodeOf.name, () => {
  it('covers the middle groups 01–99 once each, in order', () => {
    const middles = INDUSTRIES.flatMap(({ code }) => {
      const [first, last] = JSIC_MIDDLE_GROUPS[code];
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    });
    expect(middles).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
  });

  it.each([
    ['A', '01', '02', '03'],
    ['B', '03', '04', '05'],
    ['C', '05', '05', '06'],
    ['D', '06', '08', '09'],
    ['E', '09', '32', '33'],
    ['F', '33', '36', '37'],
    ['G', '37', '41', '42'],
    ['H', '42', '49', '50'],
    ['I', '50', '61', '62'],
    ['J', '62', '67', '68'],
    ['K', '68', '70', '71'],
    ['L', '71', '74', '75'],
    ['M', '75', '77', '78'],
    ['N', '78', '80', '81'],
    ['O', '81', '82', '83'],
    ['P', '83', '85', '86'],
    ['Q', '86', '87', '88'],
    ['R', '88', '96', '97'],
    ['S', '97', '98', '99'],
  ])('%s holds %s–%s but not %s', (major, first, last, next) => {
    expect(isIndustrySubcodeOf(major, first)).toBe(true);
    expect(isIndustrySubcodeOf(major, last)).toBe(true);
    expect(isIndustrySubcodeOf(major, `${last}9`)).toBe(true);
    expect(isIndustrySubcodeOf(major, next)).toBe(false);
    expect(isIndustrySubcodeOf(major, `${next}0`)).toBe(false);
    expect(isIndustrySubcodeOf(major, String(Number(first) - 1).padStart(2, '0'))).toBe(false);
  });

  it('holds 99 in T only', () => {
    expect(isIndustrySubcodeOf('T', '99')).toBe(true);
    expect(isIndustrySubcodeOf('T', '999')).toBe(true);
    expect(isIndustrySubcodeOf('S', '99')).toBe(false);
  });

  it.each(['', '7', '0693', '6a', '６９', ' 69', '00'])('refuses %p', (subcode) => {
    expect(isIndustrySubcodeOf('K', subcode)).toBe(false);
  });

  it('refuses an unknown major group', () => {
    expect(isIndustrySubcodeOf('Z', '69')).toBe(false);
    expect(isIndustrySubcodeOf('k', '69')).toBe(false);
  });
});

describe(smeSectorOfIndustry.name, () => {
  it.each<[string, string | null, SmeSector]>([
    // I: wholesale 50–55, retail 56–61.
    ['I', '50', 'wholesale'],
    ['I', '55', 'wholesale'],
    ['I', '559', 'wholesale'],
    ['I', '56', 'retail'],
    ['I', '561', 'retail'],
    ['I', '61', 'retail'],
    // M: 75 lodging is services; 76 restaurants and 77 take-out are retail.
    ['M', '75', 'services'],
    ['M', '759', 'services'],
    ['M', '76', 'retail'],
    ['M', '77', 'retail'],
    // G: 37 telecommunications and 40 internet services are manufacturing and others.
    ['G', '37', 'manufacturing_other'],
    ['G', '379', 'manufacturing_other'],
    ['G', '38', 'services'],
    ['G', '39', 'services'],
    ['G', '40', 'manufacturing_other'],
    ['G', '410', 'manufacturing_other'],
    ['G', '411', 'services'],
    ['G', '412', 'services'],
    ['G', '413', 'manufacturing_other'],
    ['G', '414', 'manufacturing_other'],
    ['G', '415', 'services'],
    ['G', '416', 'services'],
    // K: real estate is manufacturing and others, but parking (693) and rental (70) are services.
    ['K', '68', 'manufacturing_other'],
    ['K', '691', 'manufacturing_other'],
    ['K', '692', 'manufacturing_other'],
    ['K', '693', 'services'],
    ['K', '694', 'manufacturing_other'],
    ['K', '70', 'services'],
    ['K', '709', 'services'],
    // N: services except travel agencies (791).
    ['N', '78', 'services'],
    ['N', '790', 'services'],
    ['N', '791', 'manufacturing_other'],
    ['N', '792', 'services'],
    ['N', '80', 'services'],
    // Whole groups.
    ['L', null, 'services'],
    ['L', '71', 'services'],
    ['L', '74', 'services'],
    ['O', null, 'services'],
    ['O', '82', 'services'],
    ['P', null, 'services'],
    ['P', '85', 'services'],
    ['Q', null, 'services'],
    ['Q', '86', 'services'],
    ['R', null, 'services'],
    ['R', '96', 'services'],
    ['A', null, 'manufacturing_other'],
    ['E', '32', 'manufacturing_other'],
    ['F', null, 'manufacturing_other'],
    ['H', '49', 'manufacturing_other'],
    ['J', null, 'manufacturing_other'],
    ['S', null, 'manufacturing_other'],
    ['T', null, 'manufacturing_other'],
  ])('%s %s → %s', (major, subcode, sector) => {
    expect(smeSectorOfIndustry(major, subcode)).toBe(sector);
    expect(possibleSmeSectors(major, subcode)).toEqual([sector]);
  });

  it.each<[string, string | null, SmeSector[]]>([
    ['G', null, ['manufacturing_other', 'services']],
    ['G', '41', ['manufacturing_other', 'services']],
    ['I', null, ['wholesale', 'retail']],
    ['K', null, ['manufacturing_other', 'services']],
    ['K', '69', ['manufacturing_other', 'services']],
    ['M', null, ['retail', 'services']],
    ['N', null, ['manufacturing_other', 'services']],
    ['N', '79', ['manufacturing_other', 'services']],
  ])('%s %s is ambiguous: %j', (major, subcode, sectors) => {
    expect(smeSectorOfIndustry(major, subcode)).toBeNull();
    expect(possibleSmeSectors(major, subcode)).toEqual(sectors);
  });

  it('ignores a subcode outside the major group', () => {
    // 49 is H (transport), not I.
    expect(possibleSmeSectors('I', '49')).toEqual(['wholesale', 'retail']);
    expect(possibleSmeSectors('K', '791')).toEqual(['manufacturing_other', 'services']);
  });

  it('knows no sector without a major group', () => {
    expect(possibleSmeSectors(null, '69')).toEqual([]);
    expect(smeSectorOfIndustry('Z')).toBeNull();
  });
});

describe(industrySubcodeChoices.name, () => {
  it('offers codes that each decide the sector', () => {
    expect(industrySubcodeChoices('K').map((g) => g.code)).toEqual([
      '68',
      '691',
      '692',
      '693',
      '694',
      '70',
    ]);
    expect(industrySubcodeChoices('M').map((g) => g.code)).toEqual(['75', '76', '77']);
    expect(industrySubcodeChoices('G').map((g) => g.code)).not.toContain('41');
    expect(industrySubcodeChoices('N').map((g) => g.code)).toContain('791');
    expect(industrySubcodeChoices('I')).toHaveLength(12);
  });

  it('offers nothing where the major group decides', () => {
    expect(industrySubcodeChoices('E')).toEqual([]);
    expect(industrySubcodeChoices(null)).toEqual([]);
  });

  it('labels only codes of their own major group, in both languages', () => {
    for (const group of INDUSTRY_SUBGROUPS) {
      expect(isIndustrySubcodeOf(group.major, group.code)).toBe(true);
      expect(group.labelJa).not.toBe('');
      expect(group.labelEn).not.toBe('');
    }
    expect(new Set(INDUSTRY_SUBGROUPS.map((g) => g.code)).size).toBe(INDUSTRY_SUBGROUPS.length);
  });
});
