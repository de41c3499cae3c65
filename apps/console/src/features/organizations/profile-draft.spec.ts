import type { OrganizationView } from './api/organization-types';
import { changesOf, draftOf, reapply } from './profile-draft';

const organization = (overrides: Partial<OrganizationView> = {}): OrganizationView => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'テレワーク商事',
  nameKana: null,
  corporateNumber: null,
  prefectureCode: '13',
  industryCode: 'I',
  industrySubcode: null,
  smeSector: null,
  employees: 12,
  capitalYen: null,
  address: null,
  sme: true,
  smeReason: 'EMPLOYEE_TEST_MET',
  teleworkStatus: 'not_started',
  teleworkStatusSource: null,
  teleworkStatusReason: null,
  teleworkStatusChangedAt: null,
  duplicateOverrideReason: null,
  chamberMember: false,
  phone: null,
  notes: '',
  sessionAllowance: { limit: 3, used: 0, remaining: 3, period: 'lifetime', fiscalYear: null },
  sessionGrants: [],
  version: 1,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  ...overrides,
});

describe(changesOf.name, () => {
  it('is empty for an untouched draft', () => {
    const o = organization();
    expect(changesOf(draftOf(o), o)).toEqual({});
  });

  it('sends only what changed, blanks as null and numbers as numbers', () => {
    const o = organization({ address: '千代田区', capitalYen: 1000 });
    const draft = { ...draftOf(o), address: '  ', employees: 40, capitalYen: '', name: ' 新名 ' };
    expect(changesOf(draft, o)).toEqual({
      name: '新名',
      address: null,
      employees: 40,
      capitalYen: null,
    });
  });
});

describe(reapply.name, () => {
  it('lays my changes over the newer version and keeps what the other user changed', () => {
    const mine = organization();
    const theirs = organization({ notes: '別の人のメモ', version: 2 });
    const draft = { ...draftOf(mine), address: '大阪市' };
    const next = reapply(draft, mine, theirs);
    expect(next.notes).toBe('別の人のメモ');
    expect(next.address).toBe('大阪市');
    expect(changesOf(next, theirs)).toEqual({ address: '大阪市' });
  });
});
