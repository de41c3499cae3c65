import {
  compareEdits,
  type CaseEdit,
  formatDuration,
  mergeEdits,
  parseDuration,
} from './merge-edit';

const base: CaseEdit = {
  subject: '元の件名',
  description: '元の内容',
  topics: ['ICT.SEC'],
  callDurationSeconds: 0,
  callDirection: 'inbound',
};

describe(compareEdits.name, () => {
  it('takes their change where I changed nothing, and keeps mine where they changed nothing', () => {
    const theirs = { ...base, subject: '相手の件名' };
    const mine = { ...base, description: '私の内容' };
    const rows = compareEdits(base, mine, theirs);
    expect(rows).toEqual([
      { field: 'subject', theirs: '相手の件名', mine: '元の件名', collides: false, take: 'theirs' },
      { field: 'description', theirs: '元の内容', mine: '私の内容', collides: false, take: 'mine' },
    ]);
    expect(mergeEdits(theirs, mine, rows)).toEqual({
      ...base,
      subject: '相手の件名',
      description: '私の内容',
    });
  });

  it('marks a field both changed differently as colliding, keeping mine unless I choose theirs', () => {
    const theirs = { ...base, subject: '相手の件名' };
    const mine = { ...base, subject: '私の件名' };
    const rows = compareEdits(base, mine, theirs);
    expect(rows).toEqual([
      { field: 'subject', theirs: '相手の件名', mine: '私の件名', collides: true, take: 'mine' },
    ]);
    expect(mergeEdits(theirs, mine, rows).subject).toBe('私の件名');
    expect(mergeEdits(theirs, mine, rows, { subject: 'theirs' }).subject).toBe('相手の件名');
  });

  it('sees the same topics in another order, or the same change on both sides, as no conflict', () => {
    const theirs = { ...base, topics: ['LAB.TIME', 'ICT.SEC'], callDirection: 'outbound' as const };
    const mine = { ...base, topics: ['ICT.SEC', 'LAB.TIME'], callDirection: 'outbound' as const };
    expect(compareEdits(base, mine, theirs).every((r) => !r.collides)).toBe(true);
  });
});

describe(parseDuration.name, () => {
  it('reads m:ss, h:mm:ss and plain seconds, and refuses the rest', () => {
    expect(parseDuration('5:05')).toBe(305);
    expect(parseDuration('1:02:03')).toBe(3723);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('5分')).toBeUndefined();
    expect(parseDuration('5:75')).toBeUndefined();
    expect(formatDuration(305)).toBe('5:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
