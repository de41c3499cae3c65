import { useCallback, useEffect, useRef } from 'react';
import { type Blocker, useBlocker } from 'react-router';
import { discardStoredDraft, keepDraft } from './draft-storage';

export interface DraftGuard {
  /** The in-console navigation held while there is unsaved work (see `LeaveDraftModal`). */
  blocker: Blocker;
  /** Removes the kept draft (the form's own state is the caller's to reset). */
  discard: () => void;
  /**
   * The work is done with (sent, saved, cancelled or kept on leaving): stop keeping the draft
   * and stop asking, so the navigation that follows goes through.
   */
  release: () => void;
}

/**
 * Typed work is never lost: while `draft` is not null it is kept on the device under
 * `storageKey` (so it survives a reload or a crashed tab), leaving within the console is held by
 * the returned blocker, and closing or reloading the tab asks through the browser. `draft` is
 * null when there is nothing worth keeping; `serialize` (a stable function) stamps it with the
 * time it was kept, for the restore notice.
 */
export function useDraftGuard<T>(
  storageKey: string,
  draft: T | null,
  serialize: (draft: T, savedAt: number) => string,
): DraftGuard {
  const released = useRef(false);
  const dirty = draft !== null;

  useEffect(() => {
    if (!released.current) {
      keepDraft(localStorage, storageKey, draft === null ? null : serialize(draft, Date.now()));
    }
  }, [storageKey, draft, serialize]);

  const blocker = useBlocker(() => dirty && !released.current);
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const discard = useCallback(() => discardStoredDraft(localStorage, storageKey), [storageKey]);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return { blocker, discard, release };
}
