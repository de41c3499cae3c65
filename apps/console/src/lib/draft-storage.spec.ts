import { discardStoredDraft, type DraftStorage, keepDraft, readDraft } from './draft-storage';

const memory = (): DraftStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

const broken: DraftStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('draft storage', () => {
  it('keeps a draft while there is work and removes it when there is none', () => {
    const storage = memory();
    keepDraft(storage, 'k', '{"a":1}');
    expect(storage.items.get('k')).toBe('{"a":1}');
    keepDraft(storage, 'k', null);
    expect(storage.items.has('k')).toBe(false);
  });

  it('reads a draft back through the caller’s parser', () => {
    const storage = memory();
    keepDraft(storage, 'k', '{"a":1}');
    expect(readDraft(storage, 'k', (raw) => (raw ? (JSON.parse(raw) as unknown) : null))).toEqual({
      a: 1,
    });
    expect(readDraft(storage, 'other', (raw) => raw)).toBeNull();
  });

  it('answers null for a draft the parser cannot read', () => {
    const storage = memory();
    keepDraft(storage, 'k', '{not json');
    expect(readDraft(storage, 'k', (raw) => JSON.parse(raw ?? '') as unknown)).toBeNull();
  });

  it('never throws when the storage is full or disabled', () => {
    expect(() => keepDraft(broken, 'k', 'x')).not.toThrow();
    expect(() => discardStoredDraft(broken, 'k')).not.toThrow();
    expect(readDraft(broken, 'k', (raw) => raw)).toBeNull();
  });

  it('discards a kept draft', () => {
    const storage = memory();
    keepDraft(storage, 'k', 'x');
    discardStoredDraft(storage, 'k');
    expect(storage.items.size).toBe(0);
  });
});
