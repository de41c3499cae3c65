import type { Page } from 'playwright-core';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

/** A toast (Mantine notification) with this text. */
const toast = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notifications-root').getByText(text);

/** Issue #20: retention and pseudonymization, and the requests of the people in the data. */
describe('data stewardship', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('shows the retention policy to an admin, saves a term and dry-runs the next pseudonymization', async () => {
    const { page } = s;
    await signIn(page, 'admin@example.jp');
    await page.getByRole('link', { name: '保存期間と仮名化' }).click();
    await page.getByRole('heading', { name: '個人データの保存期間と仮名化' }).waitFor();
    const policy = page.getByRole('region', { name: '保存期間' });
    const contacts = policy.getByRole('textbox', {
      name: '連絡先(氏名・電話番号・メールアドレス)',
    });
    expect(await contacts.inputValue()).toBe('5');
    await contacts.fill('6');
    await policy.getByRole('button', { name: '保存期間を保存' }).click();
    await toast(page, '保存期間を保存しました').waitFor();
    expect(await policy.getByRole('textbox', { name: /^連絡先/ }).inputValue()).toBe('6');

    await page.getByRole('button', { name: '試行する(次回の対象を確認)' }).click();
    await toast(page, '試行しました').waitFor();
    const dry = page.getByRole('region', { name: '前回の試行' });
    await dry.getByRole('cell', { name: '案件', exact: true }).waitFor();
    expect(await dry.getByText('管理者の操作').count()).toBe(1);
    // A dry run is not a run: the last run stays what it was (none, or the nightly one when the
    // suite happens to run at 02:30 Tokyo time).
    expect(await page.getByRole('region', { name: '前回の仮名化' }).textContent()).not.toContain(
      '管理者の操作',
    );
    expect(await a11yViolations(page)).toEqual([]);

    // Put the term back: other tests share the server.
    await policy.getByRole('textbox', { name: /^連絡先/ }).fill('5');
    await policy.getByRole('button', { name: '保存期間を保存' }).click();
    await toast(page, '保存期間を保存しました').last().waitFor();
  });

  it('records a request with its dates, answers it, and finds what is held about a person', async () => {
    const { page } = s;
    const stamp = Date.now();
    await signIn(page, 'operator@example.jp');
    await page.getByRole('link', { name: '本人からの請求' }).click();
    await page.getByRole('heading', { name: '本人からの開示等の請求' }).waitFor();

    const form = page.getByRole('form', { name: '請求を記録する' });
    await form.getByRole('textbox', { name: '請求者の氏名' }).fill(`請求 ${stamp}`);
    await form.getByRole('textbox', { name: '請求者のメールアドレス' }).fill('info1@example.co.jp');
    await form.getByRole('button', { name: '記録する' }).click();
    await toast(page, '請求を記録しました').waitFor();
    const row = page.getByRole('row', { name: new RegExp(`請求 ${stamp}`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('開示');
    expect(await row.getByRole('link', { name: '開示データ(zip)' }).getAttribute('href')).toMatch(
      /^\/api\/data-subjects\/requests\/[0-9a-f-]+\/disclosure$/,
    );
    await row.getByRole('textbox', { name: `状況: 請求 ${stamp}` }).click();
    await page.getByRole('option', { name: '回答済み' }).click();
    await toast(page, '状況を更新しました').waitFor();

    const search = page.getByRole('search', { name: '保有データの検索' });
    await search.getByRole('textbox', { name: 'メールアドレス' }).fill('info1@example.co.jp');
    await search.getByRole('button', { name: '検索' }).click();
    const result = page.getByTestId('subject-search-result');
    await result.getByText('info1@example.co.jp').first().waitFor();
    expect(await result.textContent()).toMatch(/案件 \(\d+\)/);
    expect(await a11yViolations(page)).toEqual([]);
  });
});
