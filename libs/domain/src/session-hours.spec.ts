import { sessionTimeWarning } from './session-hours';

const desk = {
  openTime: '09:00',
  closeTime: '17:00',
  closedDays: [
    { date: '2026-12-12', reason: 'weekend' as const },
    { date: '2026-12-15', reason: 'desk_closure' as const },
  ],
};

describe(sessionTimeWarning.name, () => {
  it('accepts a session inside the hours of an open day', () => {
    expect(sessionTimeWarning(new Date('2026-12-14T10:00:00+09:00'), 90, desk)).toBeNull();
    expect(sessionTimeWarning(new Date('2026-12-14T15:30:00+09:00'), 90, desk)).toBeNull();
  });

  it('warns of a closed day with its reason', () => {
    expect(sessionTimeWarning(new Date('2026-12-12T10:00:00+09:00'), 60, desk)).toEqual({
      kind: 'closed_day',
      date: '2026-12-12',
      reason: 'weekend',
    });
    expect(sessionTimeWarning(new Date('2026-12-15T10:00:00+09:00'), 60, desk)).toMatchObject({
      reason: 'desk_closure',
    });
  });

  it('reads the day in Tokyo, not in UTC', () => {
    // 00:30 JST on the 12th is still the 11th in UTC.
    expect(sessionTimeWarning(new Date('2026-12-11T15:30:00Z'), 60, desk)).toMatchObject({
      kind: 'closed_day',
    });
  });

  it('warns before opening and past closing', () => {
    expect(sessionTimeWarning(new Date('2026-12-14T08:30:00+09:00'), 60, desk)).toEqual({
      kind: 'outside_hours',
      openTime: '09:00',
      closeTime: '17:00',
    });
    expect(sessionTimeWarning(new Date('2026-12-14T16:30:00+09:00'), 60, desk)).toMatchObject({
      kind: 'outside_hours',
    });
    expect(sessionTimeWarning(new Date('2026-12-14T16:00:00+09:00'), 60, desk)).toBeNull();
  });
});
