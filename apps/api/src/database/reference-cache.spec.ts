import type { DataSource, EntityManager } from 'typeorm';
import { ReferenceCache, referenceCache } from './reference-cache';

describe('ReferenceCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('loads once and serves the copy until the TTL has passed', async () => {
    const cache = new ReferenceCache<number>(5_000, clock);
    let loads = 0;
    const load = () => Promise.resolve((loads += 1));
    expect(await cache.get(load)).toBe(1);
    now += 4_999;
    expect(await cache.get(load)).toBe(1);
    now += 1;
    expect(await cache.get(load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('reads again at once after invalidate()', async () => {
    const cache = new ReferenceCache<string>(5_000, clock);
    expect(await cache.get(() => Promise.resolve('old'))).toBe('old');
    cache.invalidate();
    expect(await cache.get(() => Promise.resolve('new'))).toBe('new');
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new ReferenceCache<number>(5_000, clock);
    let loads = 0;
    let finish!: (n: number) => void;
    const load = () => {
      loads += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const a = cache.get(load);
    const b = cache.get(load);
    finish(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it('does not keep a load that was running when a write invalidated the cache', async () => {
    const cache = new ReferenceCache<string>(5_000, clock);
    let finish!: (v: string) => void;
    const slow = cache.get(() => new Promise<string>((resolve) => (finish = resolve)));
    cache.invalidate();
    finish('read before the write');
    // The caller that started the load gets what it read; nobody after the write does.
    expect(await slow).toBe('read before the write');
    expect(await cache.get(() => Promise.resolve('after the write'))).toBe('after the write');
  });

  it('forgets a failed load', async () => {
    const cache = new ReferenceCache<string>(5_000, clock);
    await expect(cache.get(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get(() => Promise.resolve('back'))).toBe('back');
  });

  it('counts the TTL from when the load started, so a slow read is not kept longer', async () => {
    const cache = new ReferenceCache<string>(5_000, clock);
    let finish!: (v: string) => void;
    const first = cache.get(() => new Promise<string>((resolve) => (finish = resolve)));
    now += 3_000;
    finish('v1');
    await first;
    now += 2_000;
    expect(await cache.get(() => Promise.resolve('v2'))).toBe('v2');
  });
});

describe('referenceCache', () => {
  it('keeps one cache per application, reached from its DataSource or an EntityManager', () => {
    const first = {} as DataSource;
    const second = {} as DataSource;
    const manager = { connection: first } as unknown as EntityManager;
    expect(referenceCache(manager, 'rules')).toBe(referenceCache(first, 'rules'));
    expect(referenceCache(second, 'rules')).not.toBe(referenceCache(first, 'rules'));
    expect(referenceCache(first, 'sla')).not.toBe(referenceCache(first, 'rules'));
  });
});
