import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Where the row types of the migrated schema are committed. */
export const SCHEMA_TYPES_FILE = 'apps/api/src/database/schema.generated.ts';

/**
 * Introspects a migrated database with kysely-codegen and answers the TypeScript it generates
 * for the app's own tables (pg-boss keeps its own schema; the migrations table is TypeORM's).
 */
export async function generateSchemaTypes(databaseUrl: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-schema-'));
  const out = join(dir, 'schema.ts');
  try {
    await promisify(execFile)(
      process.execPath,
      [
        require.resolve('kysely-codegen/dist/cli/bin.js'),
        '--dialect',
        'postgres',
        '--url',
        databaseUrl,
        '--include-pattern',
        'public.*',
        '--exclude-pattern',
        'public.migrations',
        '--out-file',
        out,
      ],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    return await readFile(out, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
