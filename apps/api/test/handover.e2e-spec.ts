import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import request from 'supertest';
import { extract, pack } from 'tar-stream';
import { exportInstance } from '../src/modules/handover/handover-export';
import { HandoverError, type Manifest } from '../src/modules/handover/handover-format';
import { importInstance } from '../src/modules/handover/handover-import';
import { uncoveredTables } from '../src/modules/handover/handover-tables';
import { seedDemoCases } from '../src/seed/demo-data';
import { seedDemoSessions } from '../src/seed/demo-sessions';
import { seedDemoWorkload } from '../src/seed/demo-workload';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/seed';
import { type TestApp, createTestApp } from './support/test-app';
import { asOwner } from './support/test-database';

/** Every entry of a (not encrypted) archive as text, by name. */
async function readArchive(path: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = extract();
  const done = pipeline(createReadStream(path), createGunzip(), entries);
  for await (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) {
      chunks.push(chunk as Buffer);
    }
    files.set(entry.header.name, Buffer.concat(chunks).toString('utf8'));
  }
  await done;
  return files;
}

async function writeArchive(path: string, files: Map<string, string>): Promise<void> {
  const archive = pack();
  const written = pipeline(archive, createGzip(), createWriteStream(path));
  for (const [name, text] of files) {
    archive.entry({ name }, text);
  }
  archive.finalize();
  await written;
}

const sorted = (text: string): string[] => text.split('\n').filter(Boolean).sort();
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The reports a manager sees, as JSON, for comparing two instances. */
async function reportAnswers(t: TestApp): Promise<Record<string, unknown>> {
  const agent = request.agent(t.app.getHttpServer());
  await agent
    .post('/api/auth/login')
    .send({ email: 'manager@example.jp', password: DEMO_PASSWORD })
    .expect(200);
  const range = 'from=2020-04-01&to=2030-03-31';
  const paths = [
    `/api/reports/caseload?${range}&groupBy=month,channel`,
    `/api/reports/caseload?${range}&groupBy=desk`,
    '/api/reports/backlog?groupBy=desk',
    `/api/reports/sla?${range}`,
    `/api/reports/sessions?${range}`,
    `/api/reports/outcomes?${range}`,
    `/api/reports/referrals?${range}`,
    `/api/reports/funnel?${range}`,
    `/api/reports/surveys?${range}`,
    '/api/reports/targets',
  ];
  const answers: Record<string, unknown> = {};
  for (const path of paths) {
    // When the figures were read differs between two instances by nature; the figures may not.
    const { dataAsOf: _readAt, ...figures } = (await agent.get(path).expect(200)).body as Record<
      string,
      unknown
    >;
    answers[path] = figures;
  }
  return answers;
}

describe('hand-over export and import', () => {
  let source: TestApp;
  let target: TestApp;
  let dir: string;
  let first: string;
  let firstManifest: Manifest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'madoguchi-handover-test-'));
    source = await createTestApp();
    await source.db.transaction(async (db) => {
      await seedDemoUsers(db);
      await seedDemoCases(db);
      await seedDemoSessions(db);
      await seedDemoWorkload(db);
      // Mail with bytes that are not text, so the base64 path is exercised.
      const [mailbox] = await db.query<{ id: string }[]>(
        `INSERT INTO mailbox (desk_id, address, ack_template_ja, ack_template_en, imap_password_sealed)
         VALUES ('national', 'soudan@example.jp', '受付', 'Received', 'sealed-secret') RETURNING id`,
      );
      const [message] = await db.query<{ id: string }[]>(
        `INSERT INTO mail_message (mailbox_id, direction, message_id, raw, raw_size, to_addresses, subject)
         VALUES ($1, 'in', '<a@example.jp>', $2, 4, '{soudan@example.jp}', '件名') RETURNING id`,
        [mailbox!.id, Buffer.from([0, 255, 10, 13])],
      );
      await db.query(
        `INSERT INTO mail_attachment (mail_message_id, mailbox_id, position, filename, declared_type, sniffed_type, size, status, content)
         VALUES ($1, $2, 0, '資料.pdf', 'application/pdf', 'application/pdf', 3, 'stored', $3)`,
        [message!.id, mailbox!.id, Buffer.from('%PD')],
      );
      await db.query(
        `INSERT INTO audit_event (actor_email, action, entity_type, entity_id) VALUES ('cli', 'test.seeded', 'system', 'x')`,
      );
    });
    target = await createTestApp();
    first = join(dir, 'first.tar.gz');
    firstManifest = await exportInstance({
      databaseUrl: source.settings.databaseUrl,
      out: first,
      withCredentials: true,
    });
  }, 120_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('covers every table of the live schema: exported, or excluded with a reason', async () => {
    const rows = await source.db.query<{ name: string }[]>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
    );
    expect(uncoveredTables(rows.map((r) => r.name))).toEqual({ unlisted: [], unknown: [] });
  });

  it('writes a manifest with the schema version, counts and hashes of every file', async () => {
    const files = await readArchive(first);
    const manifest = JSON.parse(files.get('manifest.json')!) as Manifest;
    const [latest] = await source.db.query<{ name: string }[]>(
      `SELECT name FROM schema_migration ORDER BY timestamp DESC LIMIT 1`,
    );
    expect(manifest.schemaVersion).toBe(latest!.name);
    expect(manifest.formatVersion).toBe(1);
    for (const file of manifest.files) {
      const text = files.get(file.path)!;
      expect(sha256(text)).toBe(file.sha256);
      expect(sorted(text)).toHaveLength(file.rows);
    }
    const cases = manifest.files.find((f) => f.table === 'case')!;
    const [count] = await source.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "case"`);
    expect(cases.rows).toBe(count!.n);
    expect(cases.rows).toBeGreaterThan(10);
    // Referenced tables come first.
    const order = manifest.files.map((f) => f.table);
    expect(order.indexOf('organization')).toBeLessThan(order.indexOf('case'));
    expect(order.indexOf('case')).toBeLessThan(order.indexOf('case_event'));
    const attachment = JSON.parse(files.get('data/mail_attachment.jsonl')!.trim()) as {
      content: string;
    };
    expect(Buffer.from(attachment.content, 'base64').toString()).toBe('%PD');
  });

  it('round trip: import into a fresh instance, export again: identical files, identical reports', async () => {
    const report = await importInstance({
      databaseUrl: asOwner(target.settings.databaseUrl),
      in: first,
    });
    expect(report.totalRows).toBe(firstManifest.files.reduce((n, f) => n + f.rows, 0));
    expect(report.rollupsRebuilt).toBe(true);

    const second = join(dir, 'second.tar.gz');
    await exportInstance({
      databaseUrl: target.settings.databaseUrl,
      out: second,
      withCredentials: true,
    });
    const a = await readArchive(first);
    const b = await readArchive(second);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, text] of a) {
      if (name !== 'manifest.json') {
        expect({ name, rows: sorted(b.get(name)!) }).toEqual({ name, rows: sorted(text) });
      }
    }
    const manifestA = JSON.parse(a.get('manifest.json')!) as Manifest;
    const manifestB = JSON.parse(b.get('manifest.json')!) as Manifest;
    expect({ ...manifestB, createdAt: null }).toEqual({ ...manifestA, createdAt: null });

    // Numbering and identity sequences continue where the source left off.
    const [next] = await target.db.query<{ id: string }[]>(
      `INSERT INTO audit_event (actor_email, action, entity_type, entity_id) VALUES ('t', 'test.after', 'system', 'y') RETURNING id`,
    );
    const [max] = await source.db.query<{ id: string }[]>(
      `SELECT max(id)::text AS id FROM audit_event`,
    );
    expect(BigInt(next!.id)).toBeGreaterThan(BigInt(max!.id));

    const answers = await reportAnswers(source);
    // The comparison means something only if the demo data fills the reports.
    const byDesk = answers[`/api/reports/caseload?from=2020-04-01&to=2030-03-31&groupBy=desk`] as {
      rows: { count: number }[];
    };
    expect(byDesk.rows.reduce((n, r) => n + r.count, 0)).toBe(
      firstManifest.files.find((f) => f.table === 'case')!.rows,
    );
    expect(await reportAnswers(target)).toEqual(answers);
  }, 120_000);

  it('refuses a target that is not empty, leaving it as it was', async () => {
    const before = await target.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "case"`);
    await expect(
      importInstance({ databaseUrl: asOwner(target.settings.databaseUrl), in: first }),
    ).rejects.toThrow(/not empty/);
    expect(await target.db.query(`SELECT count(*)::int AS n FROM "case"`)).toEqual(before);
  });

  it('refuses a tampered file by its hash before loading anything', async () => {
    const files = await readArchive(first);
    files.set(
      'data/organization.jsonl',
      files.get('data/organization.jsonl')!.replace(/"name":"[^"]*"/, '"name":"改ざん"'),
    );
    const tampered = join(dir, 'tampered.tar.gz');
    await writeArchive(tampered, files);
    const fresh = await createTestApp();
    try {
      await expect(
        importInstance({ databaseUrl: asOwner(fresh.settings.databaseUrl), in: tampered }),
      ).rejects.toThrow(/data\/organization\.jsonl does not match the manifest/);
      expect(await fresh.db.query(`SELECT count(*)::int AS n FROM organization`)).toEqual([
        { n: 0 },
      ]);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('encrypts with a passphrase: the right one imports, a wrong one is refused', async () => {
    const sealed = join(dir, 'sealed.bin');
    await exportInstance({
      databaseUrl: source.settings.databaseUrl,
      out: sealed,
      passphrase: 'correct horse battery staple',
    });
    const bytes = await readFile(sealed);
    expect(bytes.subarray(0, 8).toString()).toBe('MDGHOENC');
    expect(bytes.includes(Buffer.from('soudan@example.jp'))).toBe(false);
    const fresh = await createTestApp();
    try {
      const attempt = importInstance({
        databaseUrl: asOwner(fresh.settings.databaseUrl),
        in: sealed,
        passphrase: 'wrong horse battery staple',
      });
      await expect(attempt).rejects.toThrow(/passphrase is wrong/);
      await expect(
        importInstance({ databaseUrl: asOwner(fresh.settings.databaseUrl), in: sealed }),
      ).rejects.toThrow(HandoverError);
      const report = await importInstance({
        databaseUrl: asOwner(fresh.settings.databaseUrl),
        in: sealed,
        passphrase: 'correct horse battery staple',
      });
      expect(report.totalRows).toBeGreaterThan(0);
      // Without --with-password-hashes no credential travels.
      const users = await fresh.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM app_user WHERE password_hash IS NOT NULL OR totp_secret IS NOT NULL`,
      );
      expect(users).toEqual([{ n: 0 }]);
      const mailboxes = await fresh.db.query(`SELECT imap_password_sealed FROM mailbox`);
      expect(mailboxes).toEqual([{ imap_password_sealed: null }]);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('upgrades an archive of an older format version through the per-version transforms', async () => {
    // A synthetic format 0 that called desk.name_ja "name".
    const files = await readArchive(first);
    const manifest = JSON.parse(files.get('manifest.json')!) as Manifest;
    const deskFile = manifest.files.find((f) => f.table === 'desk')!;
    const old = files
      .get(deskFile.path)!
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const { name_ja: name, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return `${JSON.stringify({ ...rest, name })}\n`;
      })
      .join('');
    files.set(deskFile.path, old);
    deskFile.sha256 = sha256(old);
    deskFile.bytes = Buffer.byteLength(old);
    files.set('manifest.json', JSON.stringify({ ...manifest, formatVersion: 0 }));
    const older = join(dir, 'older.tar.gz');
    await writeArchive(older, files);
    await writeFile(join(dir, 'unused'), '');

    const fresh = await createTestApp();
    try {
      await expect(
        importInstance({ databaseUrl: asOwner(fresh.settings.databaseUrl), in: older }),
      ).rejects.toThrow(/No upgrade from archive format version 0/);
      const report = await importInstance({
        databaseUrl: asOwner(fresh.settings.databaseUrl),
        in: older,
        upgrades: {
          0: {
            description: 'desk.name became name_ja',
            row: (table, row) => {
              if (table !== 'desk') {
                return row;
              }
              const { name, ...rest } = row;
              return { ...rest, name_ja: name };
            },
          },
        },
      });
      expect(report.upgradedFrom).toBe(0);
      const source = await readArchive(first);
      const desks = sorted(source.get(deskFile.path)!).map(
        (line) => (JSON.parse(line) as { id: string; name_ja: string }).name_ja,
      );
      const loaded = await fresh.db.query<{ name_ja: string }[]>(`SELECT name_ja FROM desk`);
      expect(loaded.map((d) => d.name_ja).sort()).toEqual(desks.sort());
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
