import { describeJobError } from './job-error';

describe(describeJobError.name, () => {
  it('takes the message of a serialized error and keeps its stack', () => {
    const raw = JSON.stringify({
      name: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:587',
      stack: 'Error: connect ECONNREFUSED\n    at x.js:1',
    });
    expect(describeJobError(raw)).toEqual({
      message: 'connect ECONNREFUSED 127.0.0.1:587',
      details: 'Error: connect ECONNREFUSED\n    at x.js:1',
    });
  });

  it('names errors that are not plain Errors', () => {
    expect(describeJobError('{"name":"TypeError","message":"x is undefined"}').message).toBe(
      'TypeError: x is undefined',
    );
  });

  it('reads a thrown string', () => {
    expect(describeJobError('{"value":"pg-boss shut down while active"}')).toEqual({
      message: 'pg-boss shut down while active',
      details: null,
    });
  });

  it('finds the message in text cut short', () => {
    const raw =
      '{"name":"Error","message":"SMTP said \\"no\\"","stack":"Error: SMTP said \\"no\\"\\n   at';
    expect(describeJobError(raw)).toEqual({ message: 'SMTP said "no"', details: raw });
  });

  it('is empty when pg-boss kept nothing', () => {
    expect(describeJobError('null')).toEqual({ message: '', details: null });
  });
});
