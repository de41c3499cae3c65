import { useEffect, useState } from 'react';

/**
 * The current time in milliseconds, read when the component mounts and again every `everyMs`.
 * Reading `Date.now()` during render would make the render impure (and the value would only move
 * when something else re-renders the component).
 */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
