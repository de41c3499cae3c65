import { startTimer } from './call-timer';
import {
  emptyIntake,
  intakeBody,
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

  it('sends a picked organization by id and a call with its length', () => {
    const form = {
      ...emptyIntake('phone', 'k'),
      organizationId: 'org-1',
      contactId: 'c-1',
      topics: ['ICT.SEC'],
      subject: '件名',
      timer: startTimer(empty.timer, 0),
    };
    expect(
      intakeBody(form, { picked: 'org-1', corporateNumber: null, deskId: null, now: 65_000 }),
    ).toEqual({
      channel: 'phone',
      organization: { id: 'org-1' },
      contact: { id: 'c-1' },
      topics: ['ICT.SEC'],
      subject: '件名',
      description: undefined,
      callDirection: 'inbound',
      callDurationSeconds: 65,
    });
  });

  it('sends a new organization as typed, with the received time for an email', () => {
    const form = {
      ...emptyIntake('email', 'k'),
      search: '  テレワーク商事 ',
      receivedAt: '2026-12-01T09:30',
      contact: { name: '田中', phone: '', email: 'tanaka@example.jp' },
    };
    const body = intakeBody(form, {
      picked: null,
      corporateNumber: '7000012050002',
      deskId: 'desk-1',
      now: 0,
    });
    expect(body.organization).toMatchObject({
      name: 'テレワーク商事',
      corporateNumber: '7000012050002',
    });
    expect(body.contact).toEqual({ name: '田中', phone: undefined, email: 'tanaka@example.jp' });
    expect(body.deskId).toBe('desk-1');
    expect(body.receivedAt).toBe('2026-12-01T00:30:00.000Z');
    expect(body).not.toHaveProperty('callDurationSeconds');
  });
});
