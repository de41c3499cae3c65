import { useState } from 'react';
import { useSession } from '../../lib/session';
import type { Desk } from './api/use-transfers';

const DESK_KEY = 'madoguchi.intake.desk';
/** The routing rules choose the desk: the default, and what most calls want. */
export const AUTO_DESK = '__auto__';

/**
 * Regional staff always log to their own desk (the API keeps it there), so only the center and
 * admins pick one; the last one picked is remembered on the device.
 */
export function useIntakeDesk(desks: Desk[] | undefined) {
  const { user } = useSession();
  const picksDesk = user?.role === 'operator' || user?.role === 'admin';
  const [deskId, setDeskId] = useState<string>(() => localStorage.getItem(DESK_KEY) ?? AUTO_DESK);
  const activeDesks = (desks ?? []).filter((d) => d.active);
  // A remembered desk that has since been closed down falls back to the rules; until the desks
  // have loaded, the remembered one stands (a fast Ctrl+Enter must not silently drop it).
  const chosenDesk = !picksDesk
    ? AUTO_DESK
    : !desks || activeDesks.some((d) => d.id === deskId)
      ? deskId
      : AUTO_DESK;
  const remember = () => {
    if (picksDesk) {
      localStorage.setItem(DESK_KEY, chosenDesk);
    }
  };
  return { picksDesk, activeDesks, chosenDesk, setDeskId, remember };
}
