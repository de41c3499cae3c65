import { decryptSecret, encryptSecret, randomToken, safeEqual, sha256 } from './secrets';

describe('secrets', () => {
  it('round-trips a sealed secret and refuses a wrong key or a tampered one', () => {
    const sealed = encryptSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'k'.repeat(32));
    expect(sealed).not.toContain('JBSWY3DP');
    expect(decryptSecret(sealed, 'k'.repeat(32))).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(() => decryptSecret(sealed, 'x'.repeat(32))).toThrow();
    const tampered = `${sealed.slice(0, -2)}AA`;
    expect(() => decryptSecret(tampered, 'k'.repeat(32))).toThrow();
  });

  it('makes distinct URL-safe tokens', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(sha256(a)).toHaveLength(32);
  });

  it('compares in constant time, including different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
