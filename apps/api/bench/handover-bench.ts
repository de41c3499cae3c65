import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateWithLock } from '../src/database/migrate';
import { exportInstance } from '../src/modules/handover/handover-export';
import { importInstance } from '../src/modules/handover/handover-import';
import { seedReferenceData } from '../src/seed/seed';
import { prepareDatabase } from './load-dataset';

/**
 * The hand-over benchmark: on the bench dataset (1M cases at BENCH_SCALE=1, the database of
 * `bench:cases`, so `BENCH_REUSE=1` measures on the one that bench loaded), the time and peak
 * memory (RSS) of an export and of an import into a fresh database, each in its own process so
 * its peak is its own. Beside them the baseline: PostgreSQL's own pg_dump and pg_restore of the
 * same database (what moving the data costs with no application in between), and the previous
 * run at the same scale when there is one. Run with `npm run bench:handover`; see
 * docs/benchmarks.md ("Hand-over").
 */
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const scale = Number(process.env.BENCH_SCALE ?? 1);
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = ['1', 'true', 'yes'].includes((process.env.BENCH_REUSE ?? '').toLowerCase());
const passphrase = process.env.BENCH_PASSPHRASE || undefined;
// The cases bench's database by default: the same 1M-case dataset, loaded once for both.
const source = process.env.BENCH_DATABASE || 'madoguchi_bench';
const skipBaseline = ['1', 'true', 'yes'].includes(
  (process.env.BENCH_SKIP_BASELINE ?? '').toLowerCase(),
);
const RESULTS_DIR = resolve(__dirname, '../../../../bench');

function databaseUrl(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

interface ChildResult {
  steps?: Record<string, number>;
  seconds: number;
  maxRssMb: number;
  rows: number;
}

/** Child mode: one direction, then its own figures as JSON on the last line. */
async function child(direction: string, url: string, file: string): Promise<void> {
  const started = process.hrtime.bigint();
  let rows = 0;
  let steps: Record<string, number> | undefined;
  if (direction === 'export') {
    const manifest = await exportInstance({ databaseUrl: url, out: file, passphrase });
    rows = manifest.files.reduce((n, f) => n + f.rows, 0);
  } else {
    const dataSource = new DataSource(
      dataSourceOptions({
        databaseUrl: url,
        pool: { max: 2, connectTimeoutMs: 60_000, statementTimeoutMs: 0 },
      }),
    );
    await dataSource.initialize();
    await migrateWithLock(dataSource);
    await dataSource.transaction((db) => seedReferenceData(db));
    await dataSource.destroy();
    const report = await importInstance({ databaseUrl: url, in: file, passphrase });
    rows = report.totalRows;
    steps = report.seconds;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: ChildResult = {
    steps,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(direction: string, url: string, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [__filename, direction, url, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${direction} exited with ${code}`));
        return;
      }
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

interface ToolResult {
  seconds: number;
  /** null when /usr/bin/time is not there to report it. */
  maxRssMb: number | null;
}

/**
 * One PostgreSQL client tool, timed, with its peak RSS from GNU time (exact even for a process
 * too short to sample). The server backend's own memory is not in it, as it is not in ours.
 */
function runTool(command: string, args: string[], dir: string): Promise<ToolResult> {
  const timed = existsSync('/usr/bin/time');
  const rssFile = join(dir, `${command}.rss`);
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const proc = timed
      ? spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], {
          stdio: ['ignore', 'inherit', 'inherit'],
        })
      : spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${command} exited with ${code}`));
        return;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!timed) {
        resolvePromise({ seconds, maxRssMb: null });
        return;
      }
      readFile(rssFile, 'utf8').then(
        (text) =>
          resolvePromise({ seconds, maxRssMb: Number(text.trim().split('\n').pop()) / 1024 }),
        reject,
      );
    });
  });
}

interface Figures {
  scale: number;
  at: string;
  rows: number;
  export: { seconds: number; maxRssMb: number; archiveMiB: number };
  import: { seconds: number; maxRssMb: number; steps?: Record<string, number> };
  baseline: {
    dump: ToolResult & { archiveMiB: number };
    restore: ToolResult;
  } | null;
}

/** The latest earlier run at this scale (and encryption), if one was written to dist/bench. */
async function previousRun(): Promise<{ file: string; figures: Figures } | null> {
  const files = (await readdir(RESULTS_DIR).catch(() => [] as string[]))
    .filter((f) => f.startsWith(`handover-${scale}-${passphrase ? 'enc-' : ''}2`))
    .sort();
  const file = files.pop();
  return file
    ? { file, figures: JSON.parse(await readFile(join(RESULTS_DIR, file), 'utf8')) as Figures }
    : null;
}

const mb = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'n/a' : `${v.toFixed(0)} MB`;
const sec = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'n/a' : `${v.toFixed(1)} s`;
const mib = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'n/a' : `${v.toFixed(1)} MiB`;

/** The figures in a table: this run, the pg_dump/pg_restore baseline, the previous run. */
function printTable(now: Figures, previous: { file: string; figures: Figures } | null): void {
  const b = now.baseline;
  const p = previous?.figures;
  const rows: [string, string, string, string][] = [
    ['export time', sec(now.export.seconds), sec(b?.dump.seconds), sec(p?.export.seconds)],
    ['export peak RSS', mb(now.export.maxRssMb), mb(b?.dump.maxRssMb), mb(p?.export.maxRssMb)],
    [
      'archive size',
      mib(now.export.archiveMiB),
      mib(b?.dump.archiveMiB),
      mib(p?.export.archiveMiB),
    ],
    ['import time', sec(now.import.seconds), sec(b?.restore.seconds), sec(p?.import.seconds)],
    ['import peak RSS', mb(now.import.maxRssMb), mb(b?.restore.maxRssMb), mb(p?.import.maxRssMb)],
  ];
  const head: [string, string, string, string] = [
    `scale ${now.scale}, ${now.rows} rows`,
    'Madoguchi',
    b ? 'pg_dump / pg_restore' : 'baseline (skipped)',
    p ? `previous (${p.at})` : 'previous (none)',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  log(line(head));
  log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => log(line(r)));
}

async function main(): Promise<void> {
  const target = 'madoguchi_bench_handover_target';
  const baselineTarget = 'madoguchi_bench_handover_baseline';
  log(
    `Hand-over bench: scale ${scale}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}${passphrase ? ', encrypted' : ''}`,
  );
  const prepared = await prepareDatabase({ serverUrl, database: source, scale, reuse, log });
  log(`Dataset (${source}): ${JSON.stringify(prepared.counts)}`);
  const previous = await previousRun();
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const fresh = async (name: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  };
  await fresh(target);
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-handover-bench-'));
  try {
    const file = join(dir, 'instance.tar.gz');
    const exported = await runChild('export', databaseUrl(source), file);
    const { size } = await stat(file);
    log(
      `export: ${exported.rows} rows in ${exported.seconds.toFixed(1)} s (${Math.round(exported.rows / exported.seconds)} rows/s), ` +
        `peak RSS ${exported.maxRssMb.toFixed(0)} MB, archive ${(size / 2 ** 20).toFixed(1)} MiB`,
    );
    const imported = await runChild('import', databaseUrl(target), file);
    log(
      `import: ${imported.rows} rows in ${imported.seconds.toFixed(1)} s (${Math.round(imported.rows / imported.seconds)} rows/s, ` +
        `migrations and roll-up rebuild included), peak RSS ${imported.maxRssMb.toFixed(0)} MB`,
    );
    log(
      `  import steps: ${Object.entries(imported.steps ?? {})
        .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
        .join(', ')}`,
    );
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);

    let baseline: Figures['baseline'] = null;
    if (!skipBaseline) {
      // The same database, dumped in pg_dump's compressed custom format and restored into a
      // fresh one (indexes and constraints built after the data, as ours does).
      const dump = join(dir, 'instance.dump');
      const dumped = await runTool(
        'pg_dump',
        ['--format=custom', '--no-owner', '--no-privileges', '--file', dump, databaseUrl(source)],
        dir,
      );
      const dumpSize = (await stat(dump)).size;
      log(
        `baseline pg_dump: ${dumped.seconds.toFixed(1)} s, peak RSS ${mb(dumped.maxRssMb)}, ${mib(dumpSize / 2 ** 20)}`,
      );
      await fresh(baselineTarget);
      const restored = await runTool(
        'pg_restore',
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          '--dbname',
          databaseUrl(baselineTarget),
          dump,
        ],
        dir,
      );
      log(
        `baseline pg_restore: ${restored.seconds.toFixed(1)} s, peak RSS ${mb(restored.maxRssMb)}`,
      );
      baseline = { dump: { ...dumped, archiveMiB: dumpSize / 2 ** 20 }, restore: restored };
    }

    const figures: Figures = {
      scale,
      at: new Date().toISOString(),
      rows: exported.rows,
      export: {
        seconds: exported.seconds,
        maxRssMb: exported.maxRssMb,
        archiveMiB: size / 2 ** 20,
      },
      import: { seconds: imported.seconds, maxRssMb: imported.maxRssMb, steps: imported.steps },
      baseline,
    };
    log('');
    printTable(figures, previous);
    await mkdir(RESULTS_DIR, { recursive: true });
    const out = join(
      RESULTS_DIR,
      `handover-${scale}-${passphrase ? 'enc-' : ''}${figures.at.replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(out, `${JSON.stringify({ ...figures, load: prepared }, null, 2)}\n`);
    log(`Results: ${out}`);
    log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${baselineTarget} WITH (FORCE)`);
    await admin.end();
  }
}

const [direction, url, file] = process.argv.slice(2);
(direction ? child(direction, url!, file!) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
