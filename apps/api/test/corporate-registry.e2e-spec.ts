import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeRegistryText,
  type RegistryFields,
  registryCsvLine,
  registryNumber,
  registryRecord,
  writeRegistryZip,
} from '../bench/registry-rows';
import { RegistryImportService } from '../src/modules/corporate-registry/registry-import.service';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

// Rows 0–39 in the Unicode edition, 100–139 in the Shift_JIS one, 1000–1349 to interrupt.
const lines = (from: number, count: number, fields: (i: number) => RegistryFields = () => ({})) =>
  Array.from({ length: count }, (_, k) =>
    registryCsvLine(registryRecord(from + k, fields(from + k))),
  );

// Names the CSV and the encodings must carry through: a quoted comma and quote, and CP932's own
// characters (㈱ and the 髙 of the IBM extensions), which plain Shift_JIS does not have.
const special = (i: number): RegistryFields =>
  i === 3 || i === 103 ? { name: '㈱髙橋"ブラザーズ", 本店', furigana: 'タカハシブラザーズ' } : {};

describe('Corporate-number registry', () => {
  let t: TestApp;
  let importer: RegistryImportService;
  let staff: SignedIn;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ REGISTRY_IMPORT_BATCH_ROWS: '100' });
    importer = t.app.get(RegistryImportService);
    staff = await signInAs(t, 'operator');
    dir = await mkdtemp(join(tmpdir(), 'registry-'));
    // Records the import must refuse and report, between good ones.
    const unicode = [
      ...lines(0, 20, special),
      registryCsvLine(registryRecord(9_999, { corporateNumber: '1234567890123' })),
      '99,"1000000000001","01","0","2025-04-01","","壊れた行"\r\n',
      ...lines(20, 20),
    ];
    await writeRegistryZip(
      join(dir, '00_zenkoku_all_utf8.zip'),
      'zenkoku_all.csv',
      unicode,
      'utf8',
    );
    await writeRegistryZip(
      join(dir, '00_zenkoku_all_sjis.zip'),
      'zenkoku_all.csv',
      lines(100, 40, special),
      'sjis',
    );
    await writeFile(join(dir, 'bare.csv'), encodeRegistryText(lines(200, 5).join(''), 'sjis'));
    await writeRegistryZip(join(dir, 'big.zip'), 'big.csv', lines(1000, 350), 'utf8');
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lookup = (n: string) => staff.get(`/api/corporate-registry/${n}`);

  it('imports the Unicode edition, reporting the record it refused', async () => {
    const result = await importer.importFile(join(dir, '00_zenkoku_all_utf8.zip'));
    expect(result).toMatchObject({
      status: 'done',
      encoding: 'utf8',
      lines: 42,
      applied: 40,
      skipped: 2,
      refused: [
        { line: 21, reason: 'corporateNumber "1234567890123" fails the check digit' },
        { line: 22, reason: 'expected 30 columns, found 7' },
      ],
    });
    const res = await lookup(registryNumber(3)).expect(200);
    expect(res.body).toMatchObject({
      corporateNumber: registryNumber(3),
      name: '㈱髙橋"ブラザーズ", 本店',
      nameKana: 'タカハシブラザーズ',
      closed: false,
      closeDate: null,
      changeDate: '2015-10-05',
    });
  });

  it('imports the Shift_JIS edition, telling its encoding from the bytes', async () => {
    const result = await importer.importFile(join(dir, '00_zenkoku_all_sjis.zip'));
    expect(result).toMatchObject({ status: 'done', encoding: 'sjis', lines: 40, applied: 40 });
    const res = await lookup(registryNumber(103)).expect(200);
    expect(res.body.name).toBe('㈱髙橋"ブラザーズ", 本店');
    const other = await lookup(registryNumber(110)).expect(200);
    const row = registryRecord(110);
    expect(other.body).toMatchObject({
      name: row[6],
      address: `${row[9]}中央区${row[11]}`,
      prefectureCode: row[13],
      postCode: row[15],
    });
  });

  it('imports a bare CSV file with the encoding given', async () => {
    const result = await importer.importFile(join(dir, 'bare.csv'), { encoding: 'sjis' });
    expect(result).toMatchObject({ status: 'done', encoding: 'sjis', lines: 5, applied: 5 });
    await lookup(registryNumber(204)).expect(200);
  });

  it('continues an interrupted import after its last committed line', async () => {
    const file = join(dir, 'big.zip');
    await expect(
      importer.importFile(file, {
        onProgress: (p) => {
          // The first batch is committed before this runs; stop the import right after it.
          if (p.lines >= 100) {
            throw new Error('power cut');
          }
        },
      }),
    ).rejects.toThrow('power cut');
    const [run] = await t.db.query<{ status: string; lines_committed: string }[]>(
      `SELECT status, lines_committed FROM corporate_registry_import WHERE file_name = 'big.zip'`,
    );
    expect(run).toEqual({ status: 'interrupted', lines_committed: '100' });
    await lookup(registryNumber(1099)).expect(200);
    await lookup(registryNumber(1100)).expect(404);

    const resumed = await importer.importFile(file);
    expect(resumed).toMatchObject({
      status: 'done',
      resumedAfterLine: 100,
      lines: 350,
      applied: 250,
    });
    await lookup(registryNumber(1349)).expect(200);
    const [stored] = await t.db.query<{ count: string }[]>(
      `SELECT count(*) FROM corporate_registry WHERE corporate_number = ANY($1)`,
      [Array.from({ length: 350 }, (_, k) => registryNumber(1000 + k))],
    );
    expect(stored?.count).toBe('350');

    // Finished: started again, it says so and changes nothing.
    expect(await importer.importFile(file)).toMatchObject({
      status: 'already-imported',
      lines: 350,
    });
  });

  it('applies a daily difference file: a name change and a merger that closes a corporation', async () => {
    const diff = [
      registryRecord(10, {
        sequenceNumber: '1',
        process: '11',
        updateDate: '2026-11-02',
        changeDate: '2026-10-30',
        name: '株式会社新社名ホールディングス',
      }),
      registryRecord(11, {
        sequenceNumber: '2',
        process: '71',
        updateDate: '2026-11-02',
        changeDate: '2026-11-01',
        closeDate: '2026-11-01',
        closeCause: '11',
        successorCorporateNumber: registryNumber(10),
      }),
      // A record older than what the registry holds (a replayed file) changes nothing.
      registryRecord(12, {
        sequenceNumber: '3',
        updateDate: '2020-01-01',
        name: '古い名前株式会社',
      }),
    ].map(registryCsvLine);
    const file = join(dir, 'diff_20261102.zip');
    await writeRegistryZip(file, 'diff_20261102.csv', diff, 'sjis');
    expect(await importer.importFile(file)).toMatchObject({ status: 'done', lines: 3, applied: 2 });

    expect((await lookup(registryNumber(10)).expect(200)).body).toMatchObject({
      name: '株式会社新社名ホールディングス',
      changeDate: '2026-10-30',
      updateDate: '2026-11-02',
      closed: false,
    });
    expect((await lookup(registryNumber(11)).expect(200)).body).toMatchObject({
      closed: true,
      closeDate: '2026-11-01',
      closeCause: '11',
      successorCorporateNumber: registryNumber(10),
      process: '71',
    });
    expect((await lookup(registryNumber(12)).expect(200)).body.name).toBe(registryRecord(12)[6]);
  });

  describe('lookup', () => {
    it('refuses a bad check digit, naming the field', async () => {
      const res = await lookup('1234567890123').expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'number' }] });
      await lookup('12345').expect(400);
    });

    it('answers 404 for a valid number the registry does not know', async () => {
      const res = await lookup(registryNumber(999_999)).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('takes full-width digits as staff paste them', async () => {
      const fullWidth = registryNumber(5).replace(/\d/g, (d) =>
        String.fromCharCode(0xff10 + Number(d)),
      );
      expect((await lookup(fullWidth).expect(200)).body.corporateNumber).toBe(registryNumber(5));
    });

    it('is for signed-in staff only', async () => {
      await t
        .http()
        .get(`/api/corporate-registry/${registryNumber(5)}`)
        .expect(401);
    });

    it('is one primary-key probe', async () => {
      const plan = await t.db.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT * FROM corporate_registry WHERE corporate_number = $1`,
        [registryNumber(5)],
      );
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index Scan using corporate_registry_pkey/,
      );
    });
  });

  describe('organization check', () => {
    const createOrganization = async (body: object): Promise<string> =>
      ((await staff.post('/api/organizations', body).expect(201)).body as { id: string }).id;
    const check = (id: string) => staff.get(`/api/organizations/${id}/registry-check`).expect(200);

    it('passes an organization that matches the registry', async () => {
      const row = registryRecord(20);
      const id = await createOrganization({
        name: row[6],
        corporateNumber: registryNumber(20),
        prefectureCode: row[13],
        address: `${row[9]}中央区${row[11]} 第二ビル3F`,
      });
      expect((await check(id)).body).toMatchObject({
        status: 'checked',
        nameDiffers: false,
        addressDiffers: false,
        closed: false,
        flagged: false,
        registered: { corporateNumber: registryNumber(20), nameKana: row[28] },
      });
    });

    it('flags a name the registry changed and offers the registered one', async () => {
      const id = await createOrganization({
        name: registryRecord(10)[6],
        corporateNumber: registryNumber(10),
      });
      expect((await check(id)).body).toMatchObject({
        nameDiffers: true,
        closed: false,
        flagged: true,
        registered: { name: '株式会社新社名ホールディングス' },
      });
    });

    it('flags a corporation the registry closed, and an address that moved', async () => {
      const id = await createOrganization({
        name: registryRecord(11)[6],
        corporateNumber: registryNumber(11),
        address: '港区芝公園4-2-8',
      });
      expect((await check(id)).body).toMatchObject({
        nameDiffers: false,
        addressDiffers: true,
        closed: true,
        flagged: true,
      });
    });

    it('says so when there is nothing to compare', async () => {
      const none = await createOrganization({ name: '個人事業の山田' });
      expect((await check(none)).body).toMatchObject({
        status: 'no_corporate_number',
        flagged: false,
      });
      const unknown = await createOrganization({
        name: '未登録株式会社',
        corporateNumber: registryNumber(888_888),
      });
      expect((await check(unknown)).body).toMatchObject({
        status: 'not_in_registry',
        registered: null,
      });
    });
  });
});
