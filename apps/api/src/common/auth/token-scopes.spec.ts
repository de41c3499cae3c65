import { tokenScopeAllows } from './token-scopes';

describe(tokenScopeAllows.name, () => {
  it('lets write do anything and read only read', () => {
    expect(tokenScopeAllows(['write'], 'DELETE', undefined)).toBe(true);
    expect(tokenScopeAllows(['read'], 'GET', undefined)).toBe(true);
    expect(tokenScopeAllows(['read'], 'POST', undefined)).toBe(false);
    expect(tokenScopeAllows(['read'], 'POST', 'mail_ingest')).toBe(false);
  });

  it('keeps a narrow scope to the routes marked with it', () => {
    expect(tokenScopeAllows(['mail_ingest'], 'POST', 'mail_ingest')).toBe(true);
    expect(tokenScopeAllows(['mail_ingest'], 'GET', undefined)).toBe(false);
    expect(tokenScopeAllows(['mail_ingest'], 'POST', undefined)).toBe(false);
    expect(tokenScopeAllows(['read', 'mail_ingest'], 'GET', undefined)).toBe(true);
  });
});
