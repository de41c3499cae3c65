import { startTimer } from './call-timer';
import {
  emptyIntake,
  isDirty,
  parseDraft,
  serializeDraft,
  tokyoLocalToIso,
  tokyoNowLocal,
} from './intake-draft';

describe('intake drafts', () => {
  const empty = emptyIntake('phone', 'key-1');

  it('counts typed text as work, and a running timer or a channel alone as none', () => {
    expect(isDirty(empty)).toBe(false);
    expect(isDirty({ ...empty, channel: 'email', timer: startTimer(empty.timer, 5) })).toBe(false);
    expect(isDirty({ ...empty, subject: '件名' })).toBe(true);
    expect(isDirty({ ...empty, topics: ['ICT.SEC'] })).toBe(true);
    expect(isDirty({ ...empty, newOrg: { ...empty.newOrg, employees: 12 } })).toBe(true);
  });

  it('restores what it stored, keeping the idempotency key', () => {
    const form = { ...empty, subject: '書きかけ', topics: ['LAB.TIME'] };
    expect(parseDraft(serializeDraft(form, 42))).toEqual({ savedAt: 42, form });
  });

  it('fills fields a draft from an older console lacks', () => {
    const { receivedAt: _receivedAt, ...older } = { ...empty, subject: '古い下書き' };
    const restored = parseDraft(JSON.stringify({ v: 1, savedAt: 1, form: older }));
    expect(restored?.form.receivedAt).toBe('');
    expect(restored?.form.subject).toBe('古い下書き');
  });

  it('drops anything it cannot trust', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 99, savedAt: 1, form: empty }))).toBeNull();
    expect(
      parseDraft(JSON.stringify({ v: 1, savedAt: 1, form: { ...empty, channel: 'fax' } })),
    ).toBeNull();
  });

  it('reads a received time as Tokyo time', () => {
    expect(tokyoLocalToIso('2026-12-05T10:15')).toBe('2026-12-05T01:15:00.000Z');
    expect(tokyoLocalToIso('')).toBeUndefined();
    expect(tokyoNowLocal(Date.parse('2026-12-05T16:30:00Z'))).toBe('2026-12-06T01:30');
  });
});
