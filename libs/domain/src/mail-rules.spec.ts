import {
  automatedMailReason,
  caseNumberInSubject,
  fillMailTemplate,
  mayAcknowledge,
  referencedMessageIds,
  subjectWithCaseToken,
  MAX_REPLY_REFERENCES,
  quoteForReply,
  replyRetryDelaySeconds,
  replyThreading,
} from './mail-rules';

const person = { headers: {}, fromAddress: 'sato@example.jp', subject: '助成金について' };

describe(automatedMailReason.name, () => {
  it('lets a person writing through', () => {
    expect(automatedMailReason(person)).toBeNull();
    expect(automatedMailReason({ ...person, headers: { 'auto-submitted': 'no' } })).toBeNull();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'AUTO_SUBMITTED'],
    [{ 'auto-submitted': 'auto-generated' }, 'AUTO_SUBMITTED'],
    [{ 'return-path': '<>' }, 'BOUNCE'],
    [{ 'list-id': '<news.example.jp>' }, 'MAILING_LIST'],
    [{ precedence: 'bulk' }, 'BULK_PRECEDENCE'],
    [{ precedence: 'junk' }, 'BULK_PRECEDENCE'],
    [{ 'x-auto-response-suppress': 'OOF, AutoReply' }, 'AUTO_RESPONSE_SUPPRESS'],
  ])('reads %j as %s', (headers, reason) => {
    expect(automatedMailReason({ ...person, headers })).toBe(reason);
  });

  it('takes MAILER-DAEMON and delivery reports for bounces', () => {
    expect(automatedMailReason({ ...person, fromAddress: 'MAILER-DAEMON@mx.example.net' })).toBe(
      'BOUNCE',
    );
    expect(
      automatedMailReason({
        ...person,
        contentType: 'multipart/report; report-type=delivery-status',
      }),
    ).toBe('BOUNCE');
  });

  it('takes out-of-office subjects, but not an inquiry about leave', () => {
    for (const subject of [
      '【自動返信】不在です',
      '自動応答: 休暇中',
      'Automatic reply: 相談',
      '不在通知',
    ]) {
      expect(automatedMailReason({ ...person, subject })).toBe('AUTO_REPLY_SUBJECT');
    }
    for (const subject of ['在宅勤務中の休暇の扱い', 'Re: 不在時の電話転送について']) {
      expect(automatedMailReason({ ...person, subject })).toBeNull();
    }
  });
});

describe(caseNumberInSubject.name, () => {
  it('finds the token anywhere in the subject', () => {
    expect(caseNumberInSubject('Re: [#2026-000123] 相談')).toBe('2026-000123');
    expect(caseNumberInSubject('#2026-000123 相談')).toBeNull();
    expect(caseNumberInSubject('[#2026-12] 相談')).toBeNull();
  });
});

describe(subjectWithCaseToken.name, () => {
  it('adds the token once', () => {
    expect(subjectWithCaseToken('2026-000001', '相談')).toBe('[#2026-000001] 相談');
    expect(subjectWithCaseToken('2026-000001', 'Re: [#2026-000001] 相談')).toBe(
      'Re: [#2026-000001] 相談',
    );
  });
});

describe(referencedMessageIds.name, () => {
  it('puts In-Reply-To first, then References from the nearest', () => {
    expect(referencedMessageIds('<b@x>', '<a@x> <b@x>\r\n <c@x>')).toEqual(['b@x', 'c@x', 'a@x']);
    expect(referencedMessageIds(undefined, undefined)).toEqual([]);
  });
});

describe(mayAcknowledge.name, () => {
  it('stops at the hourly limit', () => {
    expect(mayAcknowledge(0, 3)).toBe(true);
    expect(mayAcknowledge(3, 3)).toBe(false);
  });
});

describe(fillMailTemplate.name, () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(
      fillMailTemplate('{{name}}様 [#{{caseNumber}}] {{other}}', {
        name: '佐藤',
        caseNumber: '2026-000001',
      }),
    ).toBe('佐藤様 [#2026-000001] {{other}}');
  });
});

describe(replyThreading.name, () => {
  it('names the parent in In-Reply-To and appends it to its References', () => {
    expect(replyThreading({ messageId: 'b@x', references: ['a@x'] })).toEqual({
      inReplyTo: 'b@x',
      references: ['a@x', 'b@x'],
    });
  });
  it('refers to nothing without a parent or when the parent had no Message-ID', () => {
    expect(replyThreading(null)).toEqual({ inReplyTo: null, references: [] });
    expect(replyThreading({ messageId: 'sha256:abc', references: [] })).toEqual({
      inReplyTo: null,
      references: [],
    });
  });
  it('keeps the first and the latest ids of a long thread', () => {
    const ids = Array.from({ length: 30 }, (_v, i) => `m${i}@x`);
    const { references } = replyThreading({ messageId: 'last@x', references: ids });
    expect(references).toHaveLength(MAX_REPLY_REFERENCES);
    expect(references[0]).toBe('m0@x');
    expect(references.at(-1)).toBe('last@x');
    expect(references[1]).toBe('m12@x');
  });
});

describe(replyRetryDelaySeconds.name, () => {
  it('doubles from 30 seconds up to an hour', () => {
    expect([1, 2, 3].map(replyRetryDelaySeconds)).toEqual([30, 60, 120]);
    expect(replyRetryDelaySeconds(20)).toBe(3600);
  });
});

describe(quoteForReply.name, () => {
  it('quotes every line under the header', () => {
    expect(quoteForReply('こんにちは\r\n\r\nよろしく\n', '佐藤様 wrote:')).toBe(
      '佐藤様 wrote:\n> こんにちは\n>\n> よろしく',
    );
  });
});
