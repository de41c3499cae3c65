import { Client, type QueryResult } from 'pg';
import { GuardedClient } from './guarded-client';
import { prepared, preparedName } from './prepared-statements';

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

  it('sends a registered text as a named statement, asked for as a promise or with a callback', async () => {
    const text = prepared('SELECT $1::int AS registered');
    const result = { rows: [], rowCount: 0 } as unknown as QueryResult;
    const calls = answering((callback) => callback(null, result));
    const client = new GuardedClient();
    await client.query(text, [1]);
    const callback = jest.fn();
    void client.query(text, [2], callback);
    const named = { name: expect.stringMatching(new RegExp(`^${preparedName(text)}_\\d+$`)), text };
    expect(calls.map((c) => c.slice(0, 2))).toEqual([
      [named, [1]],
      [named, [2]],
    ]);
    expect(callback).toHaveBeenCalledWith(null, result);
  });

  it('sends it unnamed when prepared statements are off', async () => {
    const text = prepared('SELECT $1::int AS registered_off');
    const calls = answering((callback) => callback(null, {} as QueryResult));
    await new GuardedClient({ preparedStatements: false }).query(text, [1]);
    expect(calls.map((c) => c.slice(0, 2))).toEqual([[text, [1]]]);
  });
});
