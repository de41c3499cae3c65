import type { DataSource, EntityManager } from 'typeorm';

/**
 * How long an instance may act on reference data (routing rules, SLA policies, the program's
 * session terms) that another instance has changed. The instance that writes drops its copy at
 * once; the others read the table again after this long. Intake reads all three on every case:
 * cached, they cost no statement.
 */
export const REFERENCE_CACHE_TTL_MS = 5_000;

/**
 * One value loaded from the database and kept for a short time. A write calls `invalidate()`
 * after its transaction commits; a load that was already running then is not kept, since it may
 * have read the rows from before the write.
 */
export class ReferenceCache<T> {
  private value: { data: T; at: number } | null = null;
  private generation = 0;
  private loading: { promise: Promise<T>; generation: number } | null = null;

  constructor(
    private readonly ttlMs: number = REFERENCE_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(load: () => Promise<T>): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) {
      return this.value.data;
    }
    // Concurrent intakes after expiry share one load instead of each reading the table.
    if (this.loading && this.loading.generation === this.generation) {
      return this.loading.promise;
    }
    const generation = this.generation;
    const startedAt = this.now();
    const promise = load().then(
      (data) => {
        if (generation === this.generation) {
          this.value = { data, at: startedAt };
        }
        if (this.loading?.promise === promise) {
          this.loading = null;
        }
        return data;
      },
      (error: unknown) => {
        if (this.loading?.promise === promise) {
          this.loading = null;
        }
        throw error;
      },
    );
    this.loading = { promise, generation };
    return promise;
  }

  invalidate(): void {
    this.generation += 1;
    this.value = null;
    this.loading = null;
  }
}

// One set of caches per application, found through its DataSource: two instances in one test
// process stay as separate as two processes, and code holding only an EntityManager finds it.
const caches = new WeakMap<DataSource, Map<string, ReferenceCache<unknown>>>();

/** The application's cache of one kind of reference data, by name. */
export function referenceCache<T>(db: DataSource | EntityManager, name: string): ReferenceCache<T> {
  const dataSource = 'connection' in db ? db.connection : db;
  let named = caches.get(dataSource);
  if (!named) {
    named = new Map();
    caches.set(dataSource, named);
  }
  let cache = named.get(name);
  if (!cache) {
    cache = new ReferenceCache<unknown>();
    named.set(name, cache);
  }
  return cache as ReferenceCache<T>;
}
