import { signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('case export (CSV for Excel)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const intake = (name: string, subject = '相談') => ({
    channel: 'phone',
    organization: { name },
    topics: ['LAB.TIME'],
    subject,
  });

  it('streams UTF-8 with BOM, CRLF, Japanese headers and neutralised formula cells', async () => {
    const operator = await signInAs(t, 'operator');
    await operator
      .post('/api/cases', intake('=HYPERLINK("http://evil.example","click")', '+SUM(A1)'))
      .expect(201);
    await operator.post('/api/cases', intake('普通の会社, "引用" 付き')).expect(201);
    const res = await operator
      .get('/api/cases/export?format=csv')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="cases-\d{8}\.csv"/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '案件番号,受付日時,状態,受付経路,窓口,組織名,都道府県コード,相談分野,件名',
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/); // CRLF only
    expect(lines.length).toBe(4); // header, two rows, trailing empty
    const evil = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(evil).toContain(`'+SUM(A1)`);
    expect(text).toContain('"普通の会社, ""引用"" 付き"');
    expect(lines[1]).toMatch(/^\d{4}-\d{6},\d{4}-\d{2}-\d{2} \d{2}:\d{2},new,phone,national,/);
  });

  it('exports only what the caller may see, and records the export', async () => {
    const kanto = await signInAs(t, 'desk_staff', 'kanto');
    const kinki = await signInAs(t, 'desk_staff', 'kinki');
    await kanto.post('/api/cases', intake('関東だけの会社')).expect(201);
    await kinki.post('/api/cases', intake('近畿だけの会社')).expect(201);
    const res = await kanto.get('/api/cases/export');
    expect(res.status).toBe(200);
    expect(res.text).toContain('関東だけの会社');
    expect(res.text).not.toContain('近畿だけの会社');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.exported' AND actor_id = $1`,
      [kanto.user.id],
    );
    expect(n).toBe(1);
  });

  it('applies the list filters and refuses experts', async () => {
    const operator = await signInAs(t, 'operator');
    await operator.post('/api/cases', { ...intake('メールの会社'), channel: 'email' }).expect(201);
    const res = await operator.get('/api/cases/export?channel=email').expect(200);
    expect(res.text).toContain('メールの会社');
    expect(res.text).not.toContain('関東だけの会社');
    await operator.get('/api/cases/export?format=xml').expect(400);
    const expert = await signInAs(t, 'expert', null);
    await expert.get('/api/cases/export').expect(403);
  });

  it('pages through more rows than one export page', async () => {
    const operator = await signInAs(t, 'operator');
    const [{ id: orgId }] = await t.db.query(
      `INSERT INTO organization (name, sme_reason, name_normalized, search_text) VALUES ('大量', 'NO_INDUSTRY', '大量', '大量') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO "case" (number, organization_id, desk_id, channel, subject, received_at)
       SELECT '2020-' || lpad(g::text, 6, '0'), $1, 'national', 'phone', 'bulk ' || g, now() - g * interval '1 minute'
         FROM generate_series(1, 2100) g`,
      [orgId],
    );
    const res = await operator.get('/api/cases/export?q=bulk').expect(200);
    const rows = res.text.split('\r\n').filter((l) => l.includes('bulk '));
    expect(rows).toHaveLength(2100);
    expect(new Set(rows).size).toBe(2100);
  });
});
