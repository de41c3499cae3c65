import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { trackBrowser } from './open-browsers';
import { ENV_BASE_URL, ROOT } from './server';

export const ARTIFACTS = join(ROOT, 'apps/console-e2e/artifacts');
export const DEMO_PASSWORD = 'madoguchi-demo-2026';

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, with the flags a closed network needs (no background traffic).
 * Playwright gives each launch a fresh temporary profile.
 */
export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  trackBrowser(browser);
  const baseURL = process.env[ENV_BASE_URL];
  if (!baseURL) {
    throw new Error('The browser global setup did not start the server.');
  }
  const context = await browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: () => browser.close(),
  };
}

/**
 * The docs gallery (docs/screenshots, shown in README.md) is refreshed only on request, with
 * `UPDATE_SCREENSHOTS=1 npm run test:browser`: a plain test run must not rewrite tracked files,
 * and a machine without Japanese fonts would replace the gallery with empty boxes.
 */
const UPDATE_DOCS_SCREENSHOTS = ['1', 'true', 'yes'].includes(
  (process.env.UPDATE_SCREENSHOTS ?? '').toLowerCase(),
);

/** A docs copy of what the page shows now (as the viewport shows it, or the full page). */
export async function docsScreenshot(page: Page, to: string, fullPage = false): Promise<void> {
  if (!UPDATE_DOCS_SCREENSHOTS) {
    return;
  }
  mkdirSync(join(ROOT, to, '..'), { recursive: true });
  await page.screenshot({ path: join(ROOT, to), fullPage });
}

/** A full-page test artifact, and a docs copy when asked for (see UPDATE_DOCS_SCREENSHOTS). */
export async function screenshot(page: Page, name: string, alsoTo?: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // A full-page capture keeps the scroll position, and the console's fixed header is drawn
  // where the viewport was: from the top, the header is where a user sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (alsoTo) {
    await docsScreenshot(page, alsoTo, true);
  }
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/メールアドレス|Email/).fill(email);
  await page.getByLabel(/^パスワード|^Password/).fill(password);
  await page.getByRole('button', { name: /ログイン|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The first offending elements, as CSS selectors, so a failure says where to look. */
  targets: string[];
}

let axeScript: string | null = null;
const axeSource = (): string =>
  (axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * axe-core in the page: the WCAG 2.1 A and AA rules and axe's best practices (landmarks, skip
 * links, table headers), and every violation counts, whatever its impact: a "minor" one is still
 * a person who cannot use the screen.
 */
export async function a11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the console's
  // Content-Security-Policy rightly refuses inline scripts, and the test must not weaken it.
  await page.evaluate(axeSource());
  // A toast or modal still fading in has the opacity of the moment, and axe measures its contrast
  // against that (seen in CI: a notification that had just appeared failed color-contrast). Let
  // the running transitions end first; endless ones (a loader) are left alone, and two seconds
  // bound the wait.
  await page.evaluate(async () => {
    const ending = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.then(undefined, () => undefined));
    await Promise.race([Promise.all(ending), new Promise((done) => setTimeout(done, 2_000))]);
  });
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; html: string }[];
      }[];
    };
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`),
    }));
  });
}
