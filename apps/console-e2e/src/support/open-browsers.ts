import type { Browser } from 'playwright-core';

/**
 * The global under which a test file's open browsers are kept, so that the test environment
 * (failure-evidence-environment.ts), which cannot see a test's variables, can reach their pages.
 */
export const OPEN_BROWSERS = '__madoguchiOpenBrowsers';

export function trackBrowser(browser: Browser): void {
  const scope = globalThis as unknown as Record<string, Set<Browser> | undefined>;
  const open = (scope[OPEN_BROWSERS] ??= new Set());
  open.add(browser);
  browser.once('disconnected', () => open.delete(browser));
}
