import { Client, type QueryResult } from 'pg';
import { GuardedClient } from './guarded-client';

describe(GuardedClient.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('survives a connection error nobody is listening for, where a bare client throws', () => {
    const fatal = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(() => new Client().emit('error', fatal)).toThrow('terminating connection');
    expect(() => new GuardedClient().emit('error', fatal)).not.toThrow();
  });

  /** pg's query, answering every callback-form call with `answer`; records what it was asked. */
  const answering = (answer: (callback: (e: Error | null, r?: QueryResult) => void) => void) => {
    const calls: unknown[][] = [];
    jest.spyOn(Client.prototype, 'query').mockImplementation((...args: unknown[]) => {
      calls.push(args);
      const callback = args[2];
      if (typeof callback === 'function') {
        answer(callback as (e: Error | null, r?: QueryResult) => void);
      }
      return undefined;
    });
    return calls;
  };

  it('answers a query asked for as a promise through pg’s callback form', async () => {
    const result = { rows: [{ one: 1 }], rowCount: 1 } as unknown as QueryResult;
    const calls = answering((callback) => callback(null, result));
    const client = new GuardedClient();
    await expect(client.query('SELECT $1::int AS one', [1])).resolves.toBe(result);
    await expect(client.query('SELECT 1')).resolves.toBe(result);
    expect(calls.map((c) => c.slice(0, 2))).toEqual([
      ['SELECT $1::int AS one', [1]],
      ['SELECT 1', []],
    ]);
    expect(calls.every((c) => typeof c[2] === 'function')).toBe(true);
  });

  it('rejects with pg’s own error, its fields intact', async () => {
    const failure = Object.assign(new Error('duplicate key'), { code: '23505' });
    answering((callback) => callback(failure));
    await expect(new GuardedClient().query('INSERT …', [])).rejects.toMatchObject({
      message: 'duplicate key',
      code: '23505',
    });
  });

  it('leaves every other form of query to pg', () => {
    const calls = answering(() => undefined);
    const callback = () => undefined;
    const client = new GuardedClient();
    void client.query('SELECT 1', [], callback);
    void client.query({ text: 'SELECT 1' });
    expect(calls).toEqual([['SELECT 1', [], callback], [{ text: 'SELECT 1' }]]);
  });
});
