import { runtimeRoleOf } from './database-url';

describe(runtimeRoleOf.name, () => {
  it('is the runtime URL’s user when the owner’s URL names another', () => {
    expect(runtimeRoleOf('postgres://madoguchi_app:a@db/m', 'postgres://madoguchi:b@db/m')).toBe(
      'madoguchi_app',
    );
  });

  it('is null with one role (no owner URL given, or the same user)', () => {
    expect(runtimeRoleOf('postgres://madoguchi:a@db/m', 'postgres://madoguchi:a@db/m')).toBeNull();
    expect(runtimeRoleOf('postgres://db/m', 'postgres://owner@db/m')).toBeNull();
  });

  it('decodes a percent-encoded user name', () => {
    expect(runtimeRoleOf('postgres://app%5Frt:a@db/m', 'postgres://o@db/m')).toBe('app_rt');
  });
});
