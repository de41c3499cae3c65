import { NATIONAL_CENTER_DESK } from '@madoguchi/domain';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { contactVisibility } from './contact-visibility';

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

describe(contactVisibility.name, () => {
  it('knows the national center by the same desk id as the rest of the API', () => {
    expect(NATIONAL_CENTER_DESK).toBe(NATIONAL_DESK_ID);
  });

  it.each([
    ['operator', 'national'],
    ['manager', 'national'],
    ['manager', 'kinki'],
    ['admin', 'national'],
    ['desk_staff', 'national'],
  ] as const)('lets the %s of %s see every contact', (role, desk) => {
    const params: unknown[] = [];
    expect(contactVisibility(principal(role, desk), params)).toBe('TRUE');
    expect(params).toEqual([]);
  });

  it('shows a regional desk the contacts of cases it holds or is offered', () => {
    const params: unknown[] = ['x'];
    const sql = contactVisibility(principal('desk_staff', 'kinki'), params, 'c2');
    expect(sql).toContain('vc.contact_id = c2.id');
    expect(sql).toContain('(vc.desk_id = $2 OR vc.transfer_to_desk_id = $2)');
    expect(params).toEqual(['x', 'kinki']);
  });

  it('shows an expert the contacts of cases with its own live session', () => {
    const params: unknown[] = [];
    const sql = contactVisibility(principal('expert', null), params);
    expect(sql).toContain("vs.status <> 'cancelled'");
    expect(sql).toContain('vp.user_id = $1');
    expect(params).toEqual(['u']);
  });

  it('shows a desk_staff without a desk nothing', () => {
    const params: unknown[] = [];
    expect(contactVisibility(principal('desk_staff', null), params)).toBe('FALSE');
    expect(params).toEqual([]);
  });
});
