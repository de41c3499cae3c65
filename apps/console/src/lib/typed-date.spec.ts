import { parseTypedDate } from './typed-date';

describe(parseTypedDate.name, () => {
  it('reads the ISO form, slashes and both languages’ display forms', () => {
    expect(parseTypedDate('2026-12-08')).toBe('2026-12-08');
    expect(parseTypedDate('2026/12/8')).toBe('2026-12-08');
    expect(parseTypedDate('2026年12月8日(火)')).toBe('2026-12-08');
    expect(parseTypedDate('Dec 8, 2026 (Tue)')).toBe('2026-12-08');
  });

  it('refuses what is not a real date', () => {
    expect(parseTypedDate('2026-02-30')).toBeNull();
    expect(parseTypedDate('来週')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});
