import { Pool } from 'pg';
import { GuardedClient } from '../src/database/guarded-client';
import { prepared } from '../src/database/prepared-statements';
import { CASE_SQL } from '../src/modules/cases/cases.repository';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import { adminQuery, asOwner, cloneTemplate } from './support/test-database';

/**
 * Registered statements go to PostgreSQL as named statements, parsed once per connection
 * (prepared-statements.ts); a migration that changes such a statement's columns under a running
 * instance costs one answer of 503, not an instance that fails until it is restarted.
 */
describe('named statements', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await cloneTemplate();
    await adminQuery(database.url, (db) =>
      db.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text);
                INSERT INTO prepared_probe VALUES (1, 'one'), (2, 'two')`),
    );
  });
  afterAll(() => database.drop());

  const connect = async (preparedStatements?: boolean) => {
    const client = new GuardedClient({ connectionString: database.url, preparedStatements });
    await client.connect();
    return client;
  };
  /** The connection's own prepared statements: text and how often each plan kind was used. */
  const preparedOn = async (client: GuardedClient) =>
    (
      await client.query(
        `SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom
           FROM pg_prepared_statements`,
      )
    ).rows as { statement: string; generic: number; custom: number }[];

  const registered = prepared(`SELECT label FROM prepared_probe WHERE id = $1`);
  const unregistered = `SELECT label AS unregistered FROM prepared_probe WHERE id = $1`;

  it('prepares a registered text once per connection and plans it once', async () => {
    const client = await connect();
    try {
      for (let i = 0; i < 8; i += 1) {
        const result = await client.query(registered, [1 + (i % 2)]);
        expect(result.rows).toEqual([{ label: i % 2 ? 'two' : 'one' }]);
        await client.query(unregistered, [1]);
      }
      const statements = await preparedOn(client);
      expect(statements).toHaveLength(1);
      expect(statements[0]!.statement).toBe(registered);
      // PostgreSQL plans the first five calls for their values, then keeps one generic plan.
      expect(statements[0]!.generic).toBeGreaterThan(0);
      expect(statements[0]!.custom).toBe(5);
    } finally {
      await client.end();
    }
  });

  it('prepares it too when asked through the pool (pg-pool calls with a callback)', async () => {
    const pool = new Pool({ Client: GuardedClient, connectionString: database.url, max: 1 });
    try {
      expect((await pool.query(registered, [2])).rows).toEqual([{ label: 'two' }]);
      const shown = await pool.query(`SELECT statement FROM pg_prepared_statements`);
      expect(shown.rows).toEqual([{ statement: registered }]);
    } finally {
      await pool.end();
    }
  });

  it('sends every text unnamed when prepared statements are off (a pooler in between)', async () => {
    const client = await connect(false);
    try {
      expect((await client.query(registered, [2])).rows).toEqual([{ label: 'two' }]);
      expect(await preparedOn(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('fails once when a migration changed the columns, then prepares it afresh on every connection', async () => {
    const star = prepared(`SELECT * FROM prepared_probe WHERE id = $1`);
    const first = await connect();
    const second = await connect();
    try {
      expect((await first.query(star, [1])).rows).toEqual([{ id: 1, label: 'one' }]);
      expect((await second.query(star, [1])).rows).toEqual([{ id: 1, label: 'one' }]);
      await adminQuery(database.url, (db) =>
        db.query(`ALTER TABLE prepared_probe ADD COLUMN note text DEFAULT 'new'`),
      );
      await expect(first.query(star, [1])).rejects.toMatchObject({
        code: '0A000',
        message: 'cached plan must not change result type',
      });
      const fresh = { id: 1, label: 'one', note: 'new' };
      expect((await first.query(star, [1])).rows).toEqual([fresh]);
      // The other connection had it prepared too, and does not fail in its turn.
      expect((await second.query(star, [1])).rows).toEqual([fresh]);
    } finally {
      await first.end();
      await second.end();
    }
  });
});

describe('named statements in the API', () => {
  let t: TestApp;
  let operator: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  it('answers 503 DATABASE_BUSY at most once when a migration adds a column to the case', async () => {
    expect(CASE_SQL.findScoped('TRUE')).toContain('c.*');
    const created = await operator.post('/api/cases').send(intakeBody()).expect(201);
    const id = (created.body as { id: string }).id;
    // Every pooled connection prepares the case page's statements.
    await Promise.all(
      Array.from({ length: 8 }, () => operator.get(`/api/cases/${id}`).expect(200)),
    );
    await adminQuery(asOwner(t.settings.databaseUrl), (db) =>
      db.query(`ALTER TABLE "case" ADD COLUMN prepared_probe text`),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const page = await operator.get(`/api/cases/${id}`);
      statuses.push(page.status);
      if (page.status === 503) {
        expect(page.body).toMatchObject({ code: 'DATABASE_BUSY', retryAfterSeconds: 1 });
      }
    }
    expect(statuses.filter((s) => s === 503).length).toBeLessThanOrEqual(1);
    expect(statuses.slice(1).every((s) => s === 200)).toBe(true);
  });
});
