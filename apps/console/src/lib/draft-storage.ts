/** The part of `Storage` a draft needs, so the rules can be tested without a browser. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Keeps the draft when there is unsaved work and removes it when there is none. A full or
 * disabled storage must never stop the work itself, so failures are swallowed.
 */
export function keepDraft(storage: DraftStorage, key: string, serialized: string | null): void {
  try {
    if (serialized === null) {
      storage.removeItem(key);
    } else {
      storage.setItem(key, serialized);
    }
  } catch {
    // The draft is a convenience; the form keeps working without it.
  }
}

/** A stored draft through the caller's parser, or null when absent, unreadable or unstorable. */
export function readDraft<T>(
  storage: DraftStorage,
  key: string,
  parse: (raw: string | null) => T | null,
): T | null {
  try {
    return parse(storage.getItem(key));
  } catch {
    return null;
  }
}

export function discardStoredDraft(storage: DraftStorage, key: string): void {
  keepDraft(storage, key, null);
}
