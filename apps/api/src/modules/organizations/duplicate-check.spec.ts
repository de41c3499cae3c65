import { preparedName } from '../../database/prepared-statements';
import { type DuplicateProbe, duplicateCheck } from './organizations.repository';

describe(duplicateCheck.name, () => {
  const none: DuplicateProbe = {
    nameKey: null,
    prefectureCode: null,
    phones: [],
    emailDomain: null,
    corporateNumber: null,
  };

  it('has nothing to look up without a key (an empty name is none)', () => {
    expect(duplicateCheck(none)).toBeNull();
    expect(duplicateCheck({ ...none, nameKey: '', prefectureCode: '13' })).toBeNull();
  });

  it('looks up only the keys the probe has, each value once', () => {
    const check = duplicateCheck({ ...none, emailDomain: 'example.co.jp' })!;
    expect(check.values).toEqual(['example.co.jp']);
    expect(check.text.match(/\bSELECT\b/g)).toHaveLength(2);
    expect(check.text).not.toMatch(/IS NULL OR|corporate_number =/);

    const all = duplicateCheck({
      nameKey: 'みなと商事',
      prefectureCode: '13',
      phones: ['+81312345678', '+819012345678'],
      emailDomain: 'minato.example.jp',
      corporateNumber: '7110890402906',
    })!;
    expect(all.values).toEqual([
      '7110890402906',
      'みなと商事',
      '13',
      '+81312345678',
      '+819012345678',
      'minato.example.jp',
    ]);
    // Another corporate number is another legal entity.
    expect(all.text).toContain('o.corporate_number IS NULL OR o.corporate_number = $1::char(13)');
  });

  it('answers one registered text per shape, whatever the values', () => {
    const a = duplicateCheck({ ...none, nameKey: 'a', phones: ['+81300000001'] })!;
    const b = duplicateCheck({ ...none, nameKey: 'b', phones: ['+81300000002'] })!;
    const c = duplicateCheck({ ...none, nameKey: 'c', phones: ['+81300000003', '+81300000004'] })!;
    expect(a.text).toBe(b.text);
    expect(c.text).not.toBe(a.text);
    expect(preparedName(a.text)).toMatch(/^md_/);
    expect(preparedName(c.text)).toMatch(/^md_/);
  });
});
