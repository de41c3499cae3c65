import type { Page } from 'playwright-core';
import { newCase } from './support/api';
import {
  a11yViolations,
  type AxeViolation,
  type BrowserSession,
  openBrowser,
  signIn,
} from './support/browser';

/** Each screen's violations, by path, so one run names every screen that needs work. */
async function tour(page: Page, paths: string[]): Promise<Record<string, AxeViolation[]>> {
  const found: Record<string, AxeViolation[]> = {};
  for (const path of paths) {
    await page.goto(path);
    await page.locator('main').first().waitFor();
    // Data screens render their content after their queries answer.
    await page.waitForLoadState('networkidle');
    const violations = await a11yViolations(page);
    if (violations.length > 0) {
      found[path] = violations;
    }
  }
  return found;
}

describe('accessibility', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('lets a keyboard skip past the header and menu to the screen’s content', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/cases');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '本文へ移動' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('keeps the shortcut help inside a landmark, and the intake’s errors readable', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    await page.getByRole('button', { name: /^登録/ }).click();
    await page.getByText('入力してください').first().waitFor();
    await page.getByRole('button', { name: /キーボードショートカット/ }).click();
    await page.getByRole('dialog').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('has no violations of any impact on the operator’s screens', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `アクセシビリティ${Date.now()}` });
    expect(
      await tour(page, [
        '/',
        '/intake',
        '/cases',
        `/cases/${created.id}`,
        '/follow-ups',
        `/organizations/${created.organization.id}`,
        '/events',
        '/events/new',
        '/partner-plans',
        '/awards',
        '/no/such/page',
      ]),
    ).toEqual({});
  });

  it('has no violations of any impact on the manager’s and the admin’s screens', async () => {
    const { page } = s;
    await signIn(page, 'manager@example.jp');
    expect(await tour(page, ['/reports', '/reports/monthly', '/events', '/partner-plans'])).toEqual(
      {},
    );
    await s.context.clearCookies();
    await signIn(page, 'admin@example.jp');
    expect(
      await tour(page, [
        '/admin/users',
        '/admin/tokens',
        '/admin/mailboxes',
        '/admin/routing',
        '/admin/desks',
        '/admin/jobs',
        '/admin/referral-programs',
      ]),
    ).toEqual({});
  });

  it('has no violations of any impact on sign-in and the expert’s screens', async () => {
    const { page } = s;
    await page.goto('/login');
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await signIn(page, 'expert1@example.jp');
    expect(await tour(page, ['/', '/sessions'])).toEqual({});
  });
});
