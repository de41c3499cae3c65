import { CREDENTIAL_CACHE_MS, CredentialCache } from './credential-cache';

describe(CredentialCache.name, () => {
  let now: number;
  let cache: CredentialCache;
  let reads: number;
  const load =
    (value: string, validForMs = 3_600_000) =>
    () => {
      reads += 1;
      return Promise.resolve({ value, validForMs });
    };

  beforeEach(() => {
    now = 1_000_000;
    reads = 0;
    cache = new CredentialCache(() => now);
    cache.setListening(true);
  });

  it('reads a credential once and answers from memory until it is due', async () => {
    expect(await cache.get('a', load('alice'))).toBe('alice');
    expect(await cache.get('a', load('other'))).toBe('alice');
    expect(reads).toBe(1);
    now += CREDENTIAL_CACHE_MS - 1;
    expect(await cache.get('a', load('other'))).toBe('alice');
    now += 1;
    expect(await cache.get('a', load('again'))).toBe('again');
    expect(reads).toBe(2);
  });

  it('keeps an entry no longer than the session or token lives', async () => {
    await cache.get('a', load('alice', 5_000));
    now += 4_999;
    expect(await cache.get('a', load('x'))).toBe('alice');
    now += 1;
    expect(await cache.get('a', () => Promise.resolve(null))).toBeNull();
    // A refused credential is never kept: the next request asks again.
    expect(await cache.get('a', load('back'))).toBe('back');
  });

  it('caches nothing while the listener is not connected, and starts over when it is', async () => {
    await cache.get('a', load('alice'));
    cache.setListening(false);
    expect(cache.size).toBe(0);
    await cache.get('a', load('bob'));
    await cache.get('a', load('carol'));
    expect(reads).toBe(3);
    expect(cache.size).toBe(0);
    cache.setListening(true);
    expect(await cache.get('a', load('dave'))).toBe('dave');
    expect(await cache.get('a', load('eve'))).toBe('dave');
  });

  it('does not store a read that was under way when the cache was emptied', async () => {
    let release!: () => void;
    const slow = cache.get('a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { value: 'before the revocation', validForMs: 60_000 };
    });
    cache.clear(); // the revocation's notification arrives while the read is in flight
    release();
    expect(await slow).toBe('before the revocation');
    expect(await cache.get('a', load('after'))).toBe('after');
  });

  it('stores nothing while a change is under way and empties itself when it settles', async () => {
    await cache.get('a', load('alice'));
    let inside: string | null = null;
    await cache.changing(async () => {
      inside = await cache.get('b', load('bob'));
    });
    expect(inside).toBe('bob');
    expect(cache.size).toBe(0);
    await expect(
      cache.changing(async () => {
        await cache.get('c', load('carol'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(cache.size).toBe(0);
  });

  it('holds a bounded number of entries, dropping the oldest', async () => {
    for (let i = 0; i < 10_001; i += 1) {
      await cache.get(`k${i}`, load(`v${i}`));
    }
    expect(cache.size).toBe(10_000);
    reads = 0;
    await cache.get('k0', load('again'));
    await cache.get('k10000', load('again'));
    expect(reads).toBe(1);
  });

  it('keys by digest, never by the credential itself', () => {
    const key = CredentialCache.keyOf('token', 'mdg_abcdefgh_secret');
    expect(key).toMatch(/^token:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('secret');
    expect(CredentialCache.keyOf('session', 'mdg_abcdefgh_secret')).not.toBe(key);
  });
});
