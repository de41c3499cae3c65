import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/** How long a sign-in, once read, answers without a statement: the touch period of both kinds. */
export const CREDENTIAL_CACHE_MS = 60_000;
/** Enough for every member of staff and every integration at once; beyond it the oldest go. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  validUntil: number;
}

/**
 * What a credential check answers: the signed-in value and how much longer it holds by the
 * database's clock (an entry of the cache never outlives it).
 */
export interface Authenticated<T> {
  value: T;
  validForMs: number;
}

/**
 * The principals this instance has just authenticated, by credential, so that a request spends
 * no statement on its sign-in (issue #17: one of the list's two statements).
 *
 * It is safe only because nothing that narrows access can go unseen:
 * - every such change notifies `madoguchi_credentials` (migration
 *   CredentialChangeNotifications), and the listener empties the cache when it hears one;
 * - while the listener is not connected (start-up, a lost connection) the cache is off, and it
 *   starts empty when the listener is back;
 * - the instance that makes a change empties its own cache when the change has committed
 *   (`changing`), so its next request never depends on how soon the notification arrives;
 * - a read that was under way when the cache was emptied is not stored (the generation), or it
 *   could put back what a revocation had just removed;
 * - an entry lives no longer than the session or token would (`validForMs`, from the database's
 *   clock) nor than a minute, after which the sign-in is read, and touched, again.
 */
@Injectable()
export class CredentialCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private generation = 0;
  private listening = false;
  private changesUnderWay = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The cache's key for a credential: a digest, so that a heap dump holds no usable token. */
  static keyOf(kind: 'session' | 'token', credential: string): string {
    return `${kind}:${createHash('sha256').update(credential).digest('base64url')}`;
  }

  get active(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The listener's state: either way the cache starts over, as notifications may have been missed. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.clear();
  }

  /** Something that narrows access has changed (a notification, or this instance's own commit). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * Runs a change to sign-ins, users or tokens, and empties the cache once it has settled, so
   * that this instance's next request reads the committed state.
   */
  async changing<T>(work: () => Promise<T>): Promise<T> {
    this.changesUnderWay += 1;
    try {
      return await work();
    } finally {
      this.changesUnderWay -= 1;
      this.clear();
    }
  }

  /**
   * A transaction that narrows someone's access (a revocation, a disabled user, a new role):
   * `changing` around it, so this instance's next request reads what it committed.
   */
  transaction<T>(dataSource: DataSource, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.changing(() => dataSource.transaction(work));
  }

  /**
   * The cached value for `key`, or reads it with `load` and keeps it for `validForMs` of the
   * answer (bounded by CREDENTIAL_CACHE_MS). A null answer is never kept.
   */
  async get<T>(key: string, load: () => Promise<Authenticated<T> | null>): Promise<T | null> {
    const now = this.now();
    if (this.listening) {
      const hit = this.entries.get(key);
      if (hit && hit.validUntil > now) {
        return hit.value as T;
      }
      if (hit) {
        this.entries.delete(key);
      }
    }
    const generation = this.generation;
    const loaded = await load();
    if (!loaded) {
      return null;
    }
    if (
      this.listening &&
      this.generation === generation &&
      this.changesUnderWay === 0 &&
      loaded.validForMs > 0
    ) {
      if (this.entries.size >= MAX_ENTRIES) {
        // A Map iterates in insertion order: the first key is the oldest entry.
        this.entries.delete(this.entries.keys().next().value as string);
      }
      this.entries.set(key, {
        value: loaded.value,
        validUntil: now + Math.min(loaded.validForMs, CREDENTIAL_CACHE_MS),
      });
    }
    return loaded.value;
  }
}
