import type { Principal } from '../../common/auth/principal';
import { caseScope } from './case-scope';

const principal = (role: Principal['role'], deskId: string | null): Principal => ({
  userId: 'u',
  email: 'e',
  displayName: 'd',
  role,
  deskId,
  mustChangePassword: false,
  totpEnabled: false,
  via: 'session',
});

describe(caseScope.name, () => {
  it.each([
    ['operator', 'national', 'TRUE', []],
    ['admin', 'national', 'TRUE', []],
    ['manager', 'national', 'TRUE', []],
    ['manager', 'kanto', '(c.desk_id = $1 OR c.transfer_to_desk_id = $1)', ['kanto']],
    ['desk_staff', 'kinki', '(c.desk_id = $1 OR c.transfer_to_desk_id = $1)', ['kinki']],
  ] as const)('%s of %s sees %s', (role, desk, sql, params) => {
    const collected: unknown[] = [];
    expect(caseScope(principal(role, desk), collected)).toBe(sql);
    expect(collected).toEqual(params);
  });

  it('shows an expert the cases of their own sessions', () => {
    const collected: unknown[] = [];
    const sql = caseScope(principal('expert', null), collected);
    expect(sql).toMatch(/^EXISTS \(SELECT 1 FROM expert_session xs/);
    expect(sql).toContain('xp.user_id = $1');
    expect(sql).toContain("xs.status <> 'cancelled'");
    expect(collected).toEqual(['u']);
  });

  it('numbers its parameter after the ones already collected', () => {
    const collected: unknown[] = ['a', 'b'];
    expect(caseScope(principal('desk_staff', 'kanto'), collected)).toBe(
      '(c.desk_id = $3 OR c.transfer_to_desk_id = $3)',
    );
  });
});
