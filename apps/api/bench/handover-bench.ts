import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateWithLock } from '../src/database/migrate';
import { exportInstance } from '../src/modules/handover/handover-export';
import { importInstance } from '../src/modules/handover/handover-import';
import { seedReferenceData } from '../src/seed/seed';
import { prepareDatabase } from './load-dataset';

/**
 * The hand-over benchmark: on the bench dataset (1M cases at BENCH_SCALE=1), the time and peak
 * memory (RSS) of an export and of an import into a fresh database, each in its own process so
 * its peak is its own. Run with `npm run bench:handover`; see docs/benchmarks.md ("Hand-over").
 */
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const scale = Number(process.env.BENCH_SCALE ?? 1);
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const reuse = ['1', 'true', 'yes'].includes((process.env.BENCH_REUSE ?? '').toLowerCase());
const passphrase = process.env.BENCH_PASSPHRASE || undefined;

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

async function main(): Promise<void> {
  const source = 'madoguchi_bench_handover';
  const target = 'madoguchi_bench_handover_target';
  log(
    `Hand-over bench: scale ${scale}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}${passphrase ? ', encrypted' : ''}`,
  );
  const prepared = await prepareDatabase({ serverUrl, database: source, scale, reuse, log });
  log(`Dataset: ${JSON.stringify(prepared.counts)}`);
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${target}`);
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
    log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.end();
  }
}

const [direction, url, file] = process.argv.slice(2);
(direction ? child(direction, url!, file!) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
