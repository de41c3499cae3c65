import { axisLabel } from './axis-label';

describe(axisLabel.name, () => {
  it('keeps a name that fits', () => {
    expect(axisLabel('LAB.TIME')).toBe('LAB.TIME');
    expect(axisLabel('労働時間管理', 12)).toBe('労働時間管理');
  });

  it('counts full-width characters as two and ends a cut name with an ellipsis', () => {
    expect(axisLabel('LAB.TIME 労働時間管理・中抜け・時間外労働')).toBe(
      'LAB.TIME 労働時間管理・中抜け…',
    );
    expect(axisLabel('人材確保等支援助成金(テレワークコース)', 10)).toBe('人材確保等…');
    expect(axisLabel('ｶﾀｶﾅ half width', 9)).toBe('ｶﾀｶﾅ half…');
  });
});
