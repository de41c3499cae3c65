import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { useCaseList } from './api/use-cases';

type CaseListPage = ReturnType<typeof useCaseList>['data'];

/**
 * The case list's keyboard selection (j/k move, Enter opens) and its ticked rows (x, or the
 * checkboxes) for the bulk bar; both start over on each new page of results.
 */
export function useCaseSelection(page: CaseListPage) {
  const navigate = useNavigate();
  const items = page?.items ?? [];
  const [selected, setSelected] = useState(0);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  // A new page of results clears the keyboard selection and the ticked rows. Adjusted while
  // rendering rather than in an effect, so the old selection is never shown on the new rows.
  const [shown, setShown] = useState(page);
  if (shown !== page) {
    setShown(page);
    setSelected(0);
    setPicked(new Set());
  }

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });

  useHotkeys([
    ['x', () => items[selected] && toggle(items[selected].id)],
    ['j', () => setSelected((i) => Math.min(i + 1, items.length - 1))],
    ['k', () => setSelected((i) => Math.max(i - 1, 0))],
    [
      'Enter',
      (event) => {
        // Enter on a focused link or button is that control's own (the skip link, a menu item).
        if ((event.target as Element | null)?.closest('a, button, [role="button"]')) {
          return;
        }
        event.preventDefault();
        if (items[selected]) {
          void navigate(`/cases/${items[selected].id}`);
        }
      },
      { preventDefault: false },
    ],
  ]);

  return { selected, picked, setPicked, toggle };
}
