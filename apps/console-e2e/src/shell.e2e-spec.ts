import { newCase } from './support/api';
import { type BrowserSession, openBrowser, a11yViolations, signIn } from './support/browser';

describe('the console shell', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('finds a case by its number from anywhere with Ctrl+K', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `検索テスト${Date.now()}` });
    await page.goto('/cases');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    await page.keyboard.press('Control+K');
    const box = page.getByRole('textbox', { name: /案件番号・組織名/ });
    await box.waitFor();
    await page.keyboard.type(created.number);
    await page.getByRole('button', { name: new RegExp(created.number) }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${created.id}`);
  });

  it('shows who else has the same case open, live', async () => {
    const { page, browser } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `同時閲覧${Date.now()}` });
    await page.goto(`/cases/${created.id}`);
    const other = await (
      await browser.newContext({
        baseURL: new URL(page.url()).origin,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(other, 'manager@example.jp');
    await other.goto(`/cases/${created.id}`);
    // The manager sees the operator, and the operator sees the manager, without reloading.
    await other.getByTestId('presence').waitFor();
    await page.getByTestId('presence').waitFor({ timeout: 15000 });
    expect(await page.getByTestId('presence').textContent()).toContain(
      'さんもこの案件を開いています',
    );
    await other.close();
    await page.getByTestId('presence').waitFor({ state: 'detached', timeout: 15000 });
  });
});
