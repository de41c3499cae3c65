import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@madoguchi/migrations';
import { dataSourceOptions } from '../src/database/data-source-options';
import { scratchDatabase } from './support/test-database';

// TypeORM's own bookkeeping, created by the first run and never dropped by a migration.
const BOOKKEEPING = 'schema_migration';

/**
 * Every object a migration can make, as comparable text: tables, views and sequences, columns,
 * constraints, indexes, functions, triggers, enums and domains, and extensions. Objects that an
 * extension owns (pg_trgm's functions, say) are listed under the extension, not one by one.
 */
async function dumpSchema(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const lines = async (sql: string): Promise<string[]> =>
    (await client.query<{ line: string }>(sql)).rows.map((r) => r.line);
  // The system schemas, TypeORM's table and whatever an extension owns are not the app's.
  const appRelation = (alias: string) => `
    ${alias}.relnamespace NOT IN (SELECT oid FROM pg_namespace
      WHERE nspname IN ('pg_catalog', 'information_schema', 'pg_toast'))
    AND ${alias}.relname <> '${BOOKKEEPING}' AND ${alias}.relname NOT LIKE '${BOOKKEEPING}\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;
  try {
    return {
      schemas: await lines(`
        SELECT nspname AS line FROM pg_namespace
         WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
           AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
         ORDER BY 1`),
      extensions: await lines(`SELECT extname AS line FROM pg_extension ORDER BY 1`),
      relations: await lines(`
        SELECT format('%s.%s %s', c.relnamespace::regnamespace, c.relname, c.relkind) AS line
          FROM pg_class c
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${appRelation('c')}
         ORDER BY 1`),
      views: await lines(`
        SELECT format('%s: %s', c.oid::regclass, pg_get_viewdef(c.oid)) AS line
          FROM pg_class c WHERE c.relkind IN ('v', 'm') AND ${appRelation('c')} ORDER BY 1`),
      columns: await lines(`
        SELECT format('%s.%s %s %s%s default %s', c.oid::regclass, a.attnum, a.attname,
                      format_type(a.atttypid, a.atttypmod),
                      CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                      coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-')) AS line
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
         WHERE a.attnum > 0 AND NOT a.attisdropped
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${appRelation('c')}
         ORDER BY 1`),
      constraints: await lines(`
        SELECT format('%s %s: %s', c.oid::regclass, con.conname, pg_get_constraintdef(con.oid))
               AS line
          FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
         WHERE ${appRelation('c')}
         ORDER BY 1`),
      indexes: await lines(`
        SELECT pg_get_indexdef(i.indexrelid) AS line
          FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         WHERE ${appRelation('c')}
         ORDER BY 1`),
      // Whitespace only: ReportRollupGrains' down restores the earlier bodies laid out differently.
      functions: await lines(`
        SELECT regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g') AS line
          FROM pg_proc p
         WHERE p.pronamespace NOT IN (SELECT oid FROM pg_namespace
                 WHERE nspname IN ('pg_catalog', 'information_schema'))
           AND p.prokind IN ('f', 'p', 'w')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                 WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         ORDER BY 1`),
      triggers: await lines(`
        SELECT pg_get_triggerdef(t.oid) AS line
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE NOT t.tgisinternal AND ${appRelation('c')}
         ORDER BY 1`),
      types: await lines(`
        SELECT format('%s.%s %s %s', t.typnamespace::regnamespace, t.typname, t.typtype,
                      coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                  FROM pg_enum e WHERE e.enumtypid = t.oid),
                               format_type(t.typbasetype, t.typtypmod))) AS line
          FROM pg_type t
         WHERE t.typtype IN ('e', 'd')
           AND t.typnamespace NOT IN (SELECT oid FROM pg_namespace
                 WHERE nspname IN ('pg_catalog', 'information_schema'))
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                 WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
         ORDER BY 1`),
    };
  } finally {
    await client.end();
  }
}

type SchemaDump = Awaited<ReturnType<typeof dumpSchema>>;

/** The schema without the extensions, which no down step removes. */
const withoutExtensions = ({ extensions: _extensions, ...rest }: SchemaDump) => rest;

describe('migrations', () => {
  let database: { url: string; drop: () => Promise<void> };

  /** Runs `work` on a DataSource that knows only the first `count` migrations. */
  async function withMigrations<T>(
    count: number,
    work: (dataSource: DataSource) => Promise<T>,
  ): Promise<T> {
    const dataSource = new DataSource({
      ...dataSourceOptions({
        databaseUrl: database.url,
        pool: { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60000 },
        applicationName: 'madoguchi-test-migrations',
      }),
      migrations: MIGRATIONS.slice(0, count),
    });
    await dataSource.initialize();
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  beforeAll(async () => {
    database = await scratchDatabase();
  });
  afterAll(() => database.drop());

  // Every migration up, down and up again, one at a time: 25–40 s on two busy cores.
  it('undoes each migration exactly with its down step, and applies them all again', async () => {
    // The schema after 0, 1, 2, … migrations, applied one at a time.
    const schemaAfter = [await dumpSchema(database.url)];
    for (let count = 1; count <= MIGRATIONS.length; count += 1) {
      await withMigrations(count, (ds) => ds.runMigrations({ transaction: 'each' }));
      schemaAfter.push(await dumpSchema(database.url));
    }
    const migrated = schemaAfter[MIGRATIONS.length]!;
    expect(migrated.relations.length).toBeGreaterThan(20);
    expect(migrated.functions.length).toBeGreaterThan(0);
    expect(migrated.triggers.length).toBeGreaterThan(0);

    await withMigrations(MIGRATIONS.length, async (ds) => {
      for (let count = MIGRATIONS.length; count > 0; count -= 1) {
        await ds.undoLastMigration({ transaction: 'each' });
        const before = schemaAfter[count - 1]!;
        const after = await dumpSchema(database.url);
        try {
          // The first migration's down leaves its extensions (pg_trgm, btree_gist) installed.
          expect(count === 1 ? withoutExtensions(after) : after).toEqual(
            count === 1 ? withoutExtensions(before) : before,
          );
        } catch (error) {
          const migration = new MIGRATIONS[count - 1]!().name;
          throw new Error(
            `${migration}'s down step left the schema different from before its up step.\n${(error as Error).message}`,
          );
        }
      }
      expect(await ds.query(`SELECT name FROM ${BOOKKEEPING}`)).toEqual([]);
      expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
    });
    expect(await dumpSchema(database.url)).toEqual(migrated);
  }, 120_000);
});
