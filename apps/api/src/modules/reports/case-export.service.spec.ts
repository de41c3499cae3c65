import { Readable } from 'node:stream';
import type { Principal } from '../../common/auth/principal';
import { StaffLoad } from '../../common/lifecycle/staff-load';
import type { CaseExportRepository, ExportRow } from './case-export.repository';
import { CaseExportService } from './case-export.service';

const row = (i: number): ExportRow => ({
  number: `2026-${String(i).padStart(6, '0')}`,
  received_at: new Date('2026-05-01T00:30:00Z'),
  status: 'closed',
  channel: 'phone',
  desk_name: '全国センター',
  organization_name: `組織${i}`,
  prefecture_code: '13',
  industry_code: 'E',
  employees: 40,
  sme: true,
  topics: 'ICT.NET',
  subject: `相談${i}`,
  first_response_due_at: null,
  first_responded_at: null,
  sessions: 1,
  outcome: null,
  outcome_confirmed_on: null,
  closed_at: null,
});

const principal: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'manager@example.jp',
  displayName: 'manager',
  role: 'manager',
  deskId: 'national',
  mustChangePassword: false,
  totpEnabled: false,
  via: 'session',
};

/** The service over `count` rows from a stand-in cursor (the SQL is the e2e tests' business). */
function exporter(count: number, load: StaffLoad) {
  const released: (Error | undefined)[] = [];
  const repository = {
    cursor: () =>
      Promise.resolve({
        rows: Readable.from(Array.from({ length: count }, (_, i) => row(i + 1))),
        release: (error?: Error) => released.push(error),
      }),
  } as unknown as CaseExportRepository;
  return { service: new CaseExportService(repository, load), released };
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

describe('CaseExportService pacing', () => {
  it('writes every row while staff requests keep it waiting, a bounded wait at a time', async () => {
    const load = new StaffLoad();
    load.begin(); // a staff request that never ends
    const { service, released } = exporter(200, load);
    const started = Date.now();
    const csv = await text(await service.export({}, 'csv', principal));
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(201);
    expect(lines[200]).toContain('2026-000200');
    // Four waits of at most 10 ms (one per 50 rows), not one that lasts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(released).toEqual([undefined]);
  });

  it('runs straight through when nobody else is asking', async () => {
    const { service } = exporter(200, new StaffLoad());
    const started = Date.now();
    const csv = await text(await service.export({}, 'csv', principal));
    expect(csv.trim().split('\r\n')).toHaveLength(201);
    // No wait at all (the busy run above takes four); generous for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
