import type { Page } from 'playwright-core';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notifications-root').getByText(text);

/** Issue #21: award candidates (Telework Top Runner…) from the demo data's evidence. */
describe('award candidates in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('lets a manager filter, mark a candidate, record a nomination and its result, and export', async () => {
    const { page } = s;
    await signIn(page, 'manager@example.jp');
    await page.getByRole('link', { name: '表彰候補' }).click();
    await page.getByRole('heading', { name: '表彰候補（テレワークトップランナー等）' }).waitFor();
    const table = page.getByRole('table', { name: '表彰候補一覧' });
    const rows = table.getByTestId('award-candidate');
    await rows.first().waitFor();
    // Every listed organization shows why: its strength and at least the adopted status.
    await rows
      .first()
      .getByText(/^根拠: (強|中)$/)
      .waitFor();
    await rows.first().getByText('導入済み', { exact: true }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    // Filter by industry: the list narrows to the candidates of that group (or none).
    const industry = page.getByRole('textbox', { name: '業種' });
    const pickedName = (await rows.first().getByRole('link').textContent())!;
    const pickedMeta = (await rows.first().locator('p').first().textContent())!;
    const group = /(?:^| · )([^·]+業[^·]*)(?: · |$)/.exec(pickedMeta)?.[1]?.trim();
    if (group) {
      await industry.click();
      await page.getByRole('option', { name: new RegExp(`^[A-T] ${group}$`) }).click();
      await table.getByRole('link', { name: pickedName }).waitFor();
      await industry.click();
      await page.keyboard.press('Escape');
    }

    const row = rows.filter({ has: page.getByRole('link', { name: pickedName, exact: true }) });
    await row.getByRole('button', { name: `${pickedName}を候補にする` }).click();
    await toast(page, '候補にしました').waitFor();
    await row.getByRole('button', { name: `${pickedName}を候補から外す` }).waitFor();

    await page.getByRole('checkbox', { name: '候補マークのみ' }).check();
    await rows.filter({ hasText: pickedName }).waitFor();
    expect(await rows.count()).toBe(1);

    await row.getByRole('button', { name: `${pickedName}の推薦を記録` }).click();
    const dialog = page.getByRole('dialog', { name: `推薦と結果: ${pickedName}` });
    const nominate = dialog.getByRole('form', { name: '推薦を記録' });
    // The console's own message for an award left unchosen.
    await nominate.getByRole('button', { name: '推薦を記録' }).click();
    await nominate.getByText('選んでください').waitFor();
    await nominate.getByRole('textbox', { name: '表彰' }).click();
    await page.getByRole('option', { name: 'テレワークトップランナー（総務大臣賞）' }).click();
    await nominate.getByRole('button', { name: '推薦を記録' }).click();
    await toast(page, '推薦を記録しました').waitFor();
    const result = dialog.getByRole('form', {
      name: 'テレワークトップランナー（総務大臣賞）の結果を記録',
    });
    await result.getByRole('textbox', { name: '結果' }).click();
    await page.getByRole('option', { name: '選定', exact: true }).click();
    await result.getByRole('button', { name: '記録する' }).click();
    await result.getByText('入力してください').waitFor();
    await result.getByLabel('決定日').fill('2027-02-10');
    await result.getByRole('button', { name: '記録する' }).click();
    await toast(page, '結果を記録しました').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await row.getByText('テレワークトップランナー（総務大臣賞）: 選定').waitFor();

    const exportLink = page.getByRole('link', { name: '表彰候補をExcelで出力' });
    const href = (await exportLink.getAttribute('href'))!;
    expect(href).toContain('onlyMarked=true');
    const download = await page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');

    // Take the mark off again: other tests share the server.
    await row.getByRole('button', { name: `${pickedName}を候補から外す` }).click();
    await toast(page, '候補から外しました').waitFor();
  }, 150_000);
});
