/**
 * The call timer as plain data, so it survives a re-render, a pause and a restored draft alike:
 * the seconds already counted plus, while it runs, the wall-clock time since it was (re)started.
 * Counting from timestamps rather than adding one per interval tick keeps it right when the tab
 * was in the background (browsers slow timers there) or was reloaded mid-call.
 */
export interface CallTimer {
  /** Milliseconds counted before the current run. */
  countedMs: number;
  /** When the current run started (epoch ms), or null while paused or not started. */
  runningSince: number | null;
}

export const STOPPED: CallTimer = { countedMs: 0, runningSince: null };

export const startTimer = (timer: CallTimer, now: number): CallTimer =>
  timer.runningSince === null ? { ...timer, runningSince: now } : timer;

export const pauseTimer = (timer: CallTimer, now: number): CallTimer =>
  timer.runningSince === null
    ? timer
    : { countedMs: timer.countedMs + Math.max(0, now - timer.runningSince), runningSince: null };

export const toggleTimer = (timer: CallTimer, now: number): CallTimer =>
  timer.runningSince === null ? startTimer(timer, now) : pauseTimer(timer, now);

/** Whole seconds on the timer, capped at the API's limit of one day. */
export const timerSeconds = (timer: CallTimer, now: number): number =>
  Math.min(
    86_400,
    Math.floor(
      (timer.countedMs +
        (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince))) /
        1000,
    ),
  );

/** mm:ss, or h:mm:ss past the hour. */
export function formatTimer(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
