import { type RuleLabels, type RuleShape, ruleSentence } from './rule-sentence';

const labels: RuleLabels = {
  channel: (c) => ({ walk_in: '来訪', phone: '電話', email: 'メール' })[c] ?? c,
  prefecture: (c) => `県${c}`,
  topic: (c) => `分野${c}`,
  industry: (c) => `業種${c}`,
  sme: (sme) => (sme ? '中小企業' : '中小企業以外'),
  loggedAt: (w) => (w === 'national' ? '全国センターで受付' : '地域窓口で受付'),
  target: (t) => (t === 'coverage' ? '管轄の地域窓口' : '受け付けた窓口'),
  desk: (id) => (id === 'kinki' ? '近畿窓口' : id),
  assignee: (id) => `(担当: ${id})`,
  and: ' かつ ',
  or: '、',
  more: (n) => ` ほか${n}件`,
  everything: 'すべての相談',
};

const rule = (overrides: Partial<RuleShape>): RuleShape => ({
  channels: null,
  prefectureCodes: null,
  topicCodes: null,
  industryCodes: null,
  sme: null,
  loggedAt: null,
  target: 'coverage',
  deskId: null,
  assigneeId: null,
  ...overrides,
});

describe(ruleSentence.name, () => {
  it('joins conditions with "and" and the values of one condition with "or"', () => {
    expect(
      ruleSentence(rule({ channels: ['walk_in'], prefectureCodes: ['14', '13'] }), labels),
    ).toEqual({ conditions: '来訪 かつ 県13、県14', outcome: '管轄の地域窓口' });
  });

  it('says when a rule matches everything', () => {
    expect(ruleSentence(rule({ target: 'logger_desk' }), labels)).toEqual({
      conditions: 'すべての相談',
      outcome: '受け付けた窓口',
    });
  });

  it('names the desk and the assignee', () => {
    expect(
      ruleSentence(rule({ target: 'desk', deskId: 'kinki', assigneeId: 'u1', sme: false }), labels),
    ).toEqual({ conditions: '中小企業以外', outcome: '近畿窓口 (担当: u1)' });
  });

  it('shortens long value lists', () => {
    const codes = ['01', '02', '03', '04', '05', '06'];
    expect(ruleSentence(rule({ prefectureCodes: codes }), labels).conditions).toBe(
      '県01、県02、県03 ほか3件',
    );
  });

  it('treats an empty list as no condition', () => {
    expect(
      ruleSentence(rule({ channels: [], loggedAt: 'national', industryCodes: ['E'] }), labels)
        .conditions,
    ).toBe('業種E かつ 全国センターで受付');
  });
});
