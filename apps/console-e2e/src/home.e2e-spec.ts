import { apiPost, newCase } from './support/api';
import { type BrowserSession, openBrowser, a11yViolations, signIn } from './support/browser';
import { newStaffPage } from './support/staff';

describe('home', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('shows my work with counts that open their lists, and saved views with counts in the sidebar', async () => {
    const stamp = Date.now();
    await signIn(s.page, 'admin@example.jp');
    const page = await newStaffPage(s.browser, s.page, {
      email: `home.${stamp}@example.jp`,
      displayName: `ホーム ${stamp}`,
      role: 'desk_staff',
      deskId: 'kanto',
    });
    await newCase(page, { subject: `ホーム${stamp}の一件目` });
    await newCase(page, { subject: `ホーム${stamp}の二件目` });
    await apiPost(page, '/api/saved-views', { name: `私の案件${stamp}`, query: { view: 'mine' } });

    await page.goto('/');
    const mine = page.getByTestId('work-myOpenCases');
    await mine.getByRole('link', { name: /^自分の対応中の案件\s*2$/ }).waitFor();
    // Personal figures; incoming transfers are the desk's, which other tests move.
    for (const tile of ['overdueFollowUps', 'sessionsToday']) {
      expect(await page.getByTestId(`work-${tile}`).textContent()).toMatch(/0$/);
    }
    // The saved view, with its count, on the home page and in the sidebar.
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    const saved = nav.getByRole('link', { name: new RegExp(`私の案件${stamp}`) });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('2');
    expect(await a11yViolations(page)).toEqual([]);

    await mine.getByRole('link').click();
    await page.waitForURL('**/cases?view=mine');
    const rows = page.getByRole('table', { name: '案件一覧' }).locator('tbody tr');
    await page.getByRole('cell', { name: `ホーム${stamp}の一件目`, exact: true }).waitFor();
    expect(await rows.count()).toBe(2);

    await page.goto('/');
    await page.getByTestId('work-slaAtRisk').getByRole('link').click();
    await page.waitForURL('**/cases?view=at_risk&deskId=kanto');
    // The list may well be empty: the view it shows is what counts.
    const atRisk = page.getByRole('radio', { name: 'SLA期限間近' });
    await atRisk.waitFor({ state: 'attached' });
    expect(await atRisk.isChecked()).toBe(true);

    await saved.click();
    await page.waitForURL('**/cases?view=mine');
    await page.context().close();
  });
});
