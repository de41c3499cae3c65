import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';

describe('the console in a real browser', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('sends a visitor to sign-in, in Japanese, and signs in', async () => {
    const { page } = s;
    await page.goto('/');
    await page.waitForURL('**/login');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await screenshot(page, 'login', 'docs/screenshots/login.png');
    expect(await a11yViolations(page)).toEqual([]);
    await signIn(page, 'operator@example.jp');
    await page.getByRole('heading', { name: /相談 一郎 さん/ }).waitFor();
    await page.getByTestId('status').getByText('稼働中').waitFor();
    await screenshot(page, 'home', 'docs/screenshots/home.png');
  });

  it('shows one message for a wrong password and keeps the user on sign-in', async () => {
    const { page } = s;
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill('operator@example.jp');
    await page.getByLabel(/^パスワード/).fill('wrong password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('alert').getByText('メールアドレスまたはパスワードが違います。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('switches to English and back, remembering the choice across reloads', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.getByText('English').click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByText('日本語').click();
    await page.getByRole('heading', { name: /さん/ }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('serves deep links to the console instead of a 404', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'ページが見つかりません' }).waitFor();
  });

  it('lets an admin create a user, who must change the temporary password first', async () => {
    const { page, context } = s;
    await signIn(page, 'admin@example.jp');
    await page.getByRole('link', { name: 'ユーザー' }).click();
    await page.getByRole('button', { name: 'ユーザーを追加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('メールアドレス').fill('browser.user@example.jp');
    await dialog.getByLabel('氏名').fill('画面 太郎');
    await dialog.getByRole('button', { name: '保存' }).click();
    const temporary = (await page.getByTestId('temporary-password').textContent()) ?? '';
    await dialog.waitFor({ state: 'hidden' });
    expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await screenshot(page, 'admin-users', 'docs/screenshots/admin-users.png');
    expect(await a11yViolations(page)).toEqual([]);

    await context.clearCookies();
    await signIn(page, 'browser.user@example.jp', temporary);
    await page.waitForURL('**/change-password');
    await page.getByLabel('現在のパスワード').fill(temporary);
    await page.getByLabel(/新しいパスワード/).fill('short');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByText('12文字以上で入力してください').waitFor();
    await page.getByLabel(/新しいパスワード/).fill('a long enough passphrase 42');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByRole('heading', { name: /画面 太郎 さん/ }).waitFor();
  });

  it('returns to sign-in with an explanation when the session ends', async () => {
    const { page, context } = s;
    await signIn(page, 'admin@example.jp');
    // Signed in and settled: the home page's first requests went out with the live session.
    const usersLink = page.getByRole('link', { name: 'ユーザー' });
    await usersLink.waitFor();
    // The server forgets the session (idle timeout, disabled user): only the browser's cookie is
    // left. The cookie is overwritten in place, not cleared and re-added: a background request in
    // between would go out with no cookie at all, which is "not signed in", not "expired".
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'madoguchi_session');
    expect(cookie).toBeDefined();
    await context.addCookies([{ ...cookie!, value: 'no-longer-valid' }]);
    // Any request now meets the dead session: the click, or a background refresh (the bell
    // polls) that may beat it, in which case the link is already gone.
    await usersLink.click({ timeout: 5000 }).catch(() => undefined);
    await page.waitForURL('**/login');
    await page.getByText('セッションの有効期限が切れました').waitFor();
  });
});
