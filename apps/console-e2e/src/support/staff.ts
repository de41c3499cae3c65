import type { Browser, Page } from 'playwright-core';
import { apiPost, csrfToken } from './api';
import { signIn } from './browser';

export const STAFF_PASSWORD = 'a staff passphrase for tests 2026';

/**
 * A person of our own, created by the signed-in admin page and signed in on a page of their own
 * (temporary password changed), so that no other test's work moves what a test counts.
 */
export async function newStaffPage(
  browser: Browser,
  admin: Page,
  user: { email: string; displayName: string; role: string; deskId?: string | null },
): Promise<Page> {
  const { temporaryPassword } = await apiPost<{ temporaryPassword: string }>(
    admin,
    '/api/users',
    user,
  );
  const page = await (
    await browser.newContext({
      baseURL: new URL(admin.url()).origin,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 1366, height: 768 },
    })
  ).newPage();
  await signIn(page, user.email, temporaryPassword);
  await page.waitForURL('**/change-password');
  const changed = await page.request.post('/api/auth/password', {
    headers: { 'x-csrf-token': await csrfToken(page) },
    data: { currentPassword: temporaryPassword, newPassword: STAFF_PASSWORD },
  });
  expect(changed.status()).toBe(204);
  return page;
}
