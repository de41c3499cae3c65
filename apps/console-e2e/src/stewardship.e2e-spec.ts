import type { Page } from 'playwright-core';
import { apiPost, newCase } from './support/api';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

/** A toast (Mantine notification) with this text. */
const toast = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notifications-root').getByText(text);

/** A second signed-in page of the same browser, for another role. */
async function pageOf(s: BrowserSession, email: string): Promise<Page> {
  const context = await s.browser.newContext({
    baseURL: new URL(s.page.url()).origin,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Places a hold with its reason on the page shown, checks who/when/why, and releases it. */
async function placeAndRelease(page: Page, reason: string): Promise<void> {
  const section = page.getByRole('region', { name: 'リーガルホールド(保全)' });
  await section.getByText('保全は設定されていません').waitFor();
  // The console's own message for a missing reason, not the browser's.
  await section.getByRole('button', { name: '保全する' }).click();
  await section.getByText('入力してください').waitFor();
  await section.getByRole('textbox', { name: '保全の理由' }).fill(reason);
  await section.getByRole('button', { name: '保全する' }).click();
  await toast(page, '保全を設定しました').waitFor();
  const active = section.getByTestId('legal-hold-active');
  await active.getByText(`理由: ${reason}`).waitFor();
  expect(await active.textContent()).toMatch(/設定: .+・\d{4}/);
  expect(await section.textContent()).toContain('保全中');
  expect(await a11yViolations(page)).toEqual([]);

  await section.getByRole('textbox', { name: '解除の理由' }).fill('対応終了');
  await section.getByRole('button', { name: '保全を解除' }).click();
  await toast(page, '保全を解除しました').waitFor();
  await section.getByText('保全は設定されていません').waitFor();
  expect(await section.textContent()).toContain('これまでの保全');
  expect(await section.textContent()).toMatch(/解除済み: .+(理由: 対応終了)/);
}

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

  it('places and releases a legal hold on a case and on its organization, as a manager', async () => {
    const { page } = s;
    const stamp = Date.now();
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, {
      subject: `保全テスト${stamp}`,
      organization: {
        name: `保全テスト${stamp}の会社`,
        duplicateOverrideReason: '別の事業者(テスト)',
      },
    });
    // The desks do not see the section: the API lets only managers and admins hold.
    await page.goto(`/cases/${created.id}`);
    await page.getByRole('heading', { name: `保全テスト${stamp}` }).waitFor();
    expect(await page.getByRole('region', { name: 'リーガルホールド(保全)' }).count()).toBe(0);

    const manager = await pageOf(s, 'manager@example.jp');
    await manager.goto(`/cases/${created.id}`);
    await manager.getByRole('heading', { name: `保全テスト${stamp}` }).waitFor();
    await placeAndRelease(manager, `訴訟対応 ${stamp}`);

    await manager.goto(`/organizations/${created.organization.id}`);
    await manager.getByRole('heading', { name: `保全テスト${stamp}の会社` }).waitFor();
    await placeAndRelease(manager, `監査対応 ${stamp}`);
  });

  it('erases a person under an erasure request, after a confirmation of what goes', async () => {
    const { page } = s;
    const stamp = Date.now();
    // A domain of its own: a shared one would match other organizations as possible duplicates.
    const email = `taro@erase-${stamp}.example.co.jp`;
    await signIn(page, 'operator@example.jp');
    await newCase(page, {
      subject: `消去テスト${stamp}`,
      organization: {
        name: `消去テスト${stamp}の会社`,
        duplicateOverrideReason: '別の事業者(テスト)',
      },
      contact: { name: `消去 太郎${stamp}`, email },
    });
    await apiPost(page, '/api/data-subjects/requests', {
      kind: 'erasure',
      requesterName: `消去 太郎${stamp}`,
      requesterEmail: email,
      receivedAt: new Date().toISOString(),
      dueOn: '2099-01-01',
    });

    const manager = await pageOf(s, 'manager@example.jp');
    await manager.goto('/data-subjects');
    const row = manager.getByRole('row', { name: new RegExp(`消去 太郎${stamp}`) });
    await row.waitFor();
    const search = manager.getByRole('search', { name: '保有データの検索' });
    await search.getByRole('textbox', { name: 'メールアドレス' }).fill(email);
    await search.getByRole('button', { name: '検索' }).click();
    const panel = manager.getByRole('region', { name: 'この人の情報を今すぐ仮名化する' });
    await panel.waitFor();
    // The request and the reason are the console's own required fields.
    await panel.getByRole('button', { name: '仮名化の内容を確認' }).click();
    await panel.getByText('選んでください').waitFor();
    await panel.getByText('入力してください').waitFor();
    await panel.getByRole('textbox', { name: '請求' }).click();
    await manager.getByRole('option', { name: `消去: 消去 太郎${stamp}` }).click();
    expect(await panel.getByRole('checkbox', { name: new RegExp(email) }).isChecked()).toBe(true);
    await panel.getByRole('textbox', { name: '理由' }).fill('本人からの消去請求');
    await panel.getByRole('button', { name: '仮名化の内容を確認' }).click();

    const dialog = manager.getByRole('dialog', { name: '仮名化の確認' });
    await dialog.waitFor();
    const summary = (await dialog.textContent()) ?? '';
    expect(summary).toContain(`連絡先 1 件: 消去 太郎${stamp}`);
    expect(summary).toContain('案件 1 件の件名・本文・経過メモ');
    expect(summary).toContain('元に戻すことはできません');
    expect(await a11yViolations(manager)).toEqual([]);
    await dialog.getByRole('button', { name: '仮名化する' }).click();
    await toast(manager, '仮名化しました').waitFor();
    // The dialog fades out: axe would read its half-transparent text as low contrast.
    await dialog.waitFor({ state: 'hidden' });
    const result = panel.getByTestId('erasure-result');
    await result.waitFor();
    expect(await result.getByRole('row', { name: /^案件/ }).textContent()).toContain('1');
    // The request records when it was acted on (the column after the answer's day).
    await row.getByRole('cell').nth(6).getByText(/\d/).waitFor();
    expect(await a11yViolations(manager)).toEqual([]);
  });
});
