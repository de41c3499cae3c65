import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { csrfToken } from './support/api';

describe('cases in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('logs a phone inquiry with the keyboard only', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    // Focus starts in the organization search.
    const search = page.getByRole('textbox', { name: '組織' });
    await search.waitFor();
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    const name = `キーボード商会${Date.now()}`;
    await page.keyboard.type(name);
    await page.getByRole('option', { name: `新規登録: ${name}` }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByText('新しい組織').waitFor();
    await page.getByLabel('担当者の電話番号').focus();
    await page.keyboard.type('03-1234-0000');
    await page.getByLabel('新しい担当者の氏名').focus();
    await page.keyboard.type('鍵盤 太郎');
    await page.getByRole('textbox', { name: '相談分野' }).focus();
    await page.keyboard.type('LAB.TIME');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByLabel('件名').focus();
    await page.keyboard.type('中抜け時間の扱い');
    await screenshot(page, 'intake', 'docs/screenshots/intake.png');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '中抜け時間の扱い' }).waitFor();
    await page.getByText(name).waitFor();
    await page.getByText('鍵盤 太郎').waitFor();
    await screenshot(page, 'case-detail', 'docs/screenshots/case-detail.png');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it("remembers the desk for the next call, but starts it from the desk's channel", async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    const name = `記憶商会${Date.now()}`;
    await page.keyboard.type(name);
    await page.getByRole('option', { name: `新規登録: ${name}` }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByText('メール', { exact: true }).click();
    await page.getByRole('textbox', { name: '窓口' }).click();
    await page.getByRole('option', { name: '近畿窓口' }).click();
    await page.getByRole('textbox', { name: '相談分野' }).focus();
    await page.keyboard.type('ICT.SEC');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByLabel('件名').fill('近畿の窓口で受けたい');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = await page.evaluate(
      (caseId) => fetch(`/api/cases/${caseId}`).then((r) => r.json()),
      id,
    );
    expect(saved).toMatchObject({ channel: 'email', deskId: 'kinki' });

    // The next call goes to the same desk, but the email's channel does not carry over.
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    const desk = await page.getByRole('textbox', { name: '窓口' }).elementHandle();
    // The desk names arrive with the desks query, a moment after the page.
    await page.waitForFunction((el) => (el as HTMLInputElement).value === '近畿窓口', desk);
    expect(await page.getByRole('radio', { name: '電話' }).isChecked()).toBe(true);
  });

  it('warns of a likely duplicate before creating an organization', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const csrf = await csrfToken(page);
    const existing = `重複注意商店${Date.now()}`;
    const created = await page.request.post('/api/organizations', {
      headers: { 'x-csrf-token': csrf },
      data: { name: `株式会社${existing}` },
    });
    expect(created.status()).toBe(201);
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    await page.keyboard.type(`(株)${existing}`);
    await page.getByRole('option', { name: new RegExp(`新規登録`) }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`株式会社${existing}`);
    expect(await warning.textContent()).toContain('名称');
    await warning.getByRole('button', { name: 'この組織を使う' }).click();
    await page.getByText('新しい組織').waitFor({ state: 'detached' });
  });

  it('shows an edit conflict field by field and lets the user keep their change', async () => {
    const { page, context } = s;
    await signIn(page, 'operator@example.jp');
    const csrf = await csrfToken(page);
    const res = await page.request.post('/api/cases', {
      headers: { 'x-csrf-token': csrf },
      data: {
        channel: 'email',
        organization: { name: `競合テスト${Date.now()}` },
        topics: ['ICT.SEC'],
        subject: '元の件名',
      },
    });
    const { id } = (await res.json()) as { id: string };
    const other = await context.newPage();
    await page.goto(`/cases/${id}`);
    await other.goto(`/cases/${id}`);
    await page.getByLabel('件名').fill('先に保存した件名');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '先に保存した件名' }).waitFor();

    await other.getByLabel('件名').fill('後から保存した件名');
    await other.getByRole('button', { name: '保存' }).click();
    const conflict = other.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('先に保存した件名');
    expect(await conflict.textContent()).toContain('後から保存した件名');
    await screenshot(other, 'edit-conflict', 'docs/screenshots/edit-conflict.png');
    // Both changed the subject: the draft is kept unless the user takes theirs.
    await conflict.getByRole('radio', { name: '自分' }).check();
    await conflict.getByRole('button', { name: 'まとめて保存' }).click();
    await other.getByRole('heading', { name: '後から保存した件名' }).waitFor();
  });

  it('lists cases with filters in the URL and j/k/Enter navigation', async () => {
    const { page } = s;
    await signIn(page, 'manager@example.jp');
    await page.goto('/cases?channel=email');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    const channels = await page.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels)).toEqual(new Set(['メール']));
    await page.keyboard.press('j');
    const second = await page.locator('tbody tr').nth(1).locator('a').textContent();
    expect(await page.locator('tbody tr').nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page
      .getByText(second ?? 'missing')
      .first()
      .waitFor();
    await page.goBack();
    await screenshot(page, 'cases', 'docs/screenshots/cases.png');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('switches to a built-in view, saves the filters as a view and reopens it', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/cases?channel=phone');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    await page.getByRole('main').getByText('自分の対応中').click();
    await page.waitForURL(/view=mine/);
    // The router renders a navigation as a transition: the URL changes at once, the page a
    // moment later. Save only what the page shows, as a user would.
    await page
      .getByRole('radio', { name: '自分の対応中', checked: true })
      .waitFor({ state: 'attached' });
    expect(new URL(page.url()).searchParams.get('channel')).toBe('phone');
    const name = `電話の自分の案件${Date.now()}`;
    await page.getByRole('button', { name: '保存したビュー' }).click();
    await page.getByRole('menuitem', { name: 'この条件を保存' }).click();
    await page.getByLabel('ビューの名前').fill(name);
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/saved-views'),
    );
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(201);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Open the menu only once the views have arrived: a menu that grows under the pointer can
    // take the click on another item.
    const views = page.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().endsWith('/api/saved-views'),
    );
    await page.goto('/cases');
    await views;
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    await page.getByRole('button', { name: '保存したビュー' }).click();
    await page.getByRole('menuitem', { name }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'mine');
    expect(new URL(page.url()).searchParams.get('channel')).toBe('phone');
  });

  it('records a referral to a support program on the case page', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const csrf = await csrfToken(page);
    const res = await page.request.post('/api/cases', {
      headers: { 'x-csrf-token': csrf },
      data: {
        channel: 'phone',
        organization: { name: `制度案内テスト${Date.now()}` },
        topics: ['LAB.SUBSIDY'],
        subject: '助成金について',
      },
    });
    const { id } = (await res.json()) as { id: string };
    await page.goto(`/cases/${id}`);
    await page.getByText('まだ案内した制度はありません').waitFor();
    await page.getByRole('textbox', { name: '制度' }).click();
    await page
      .getByRole('option', { name: /人材確保等支援助成金/ })
      .first()
      .click();
    await page.getByLabel('メモ').fill('申請手順を案内');
    await page.getByRole('button', { name: '案内を記録' }).click();
    await page.getByText(/人材確保等支援助成金.*申請手順を案内/).waitFor();
    await page.getByText('制度案内', { exact: true }).first().waitFor();
  });

  it('selects cases with the keyboard and closes them in bulk', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const csrf = await csrfToken(page);
    const tag = `一括${Date.now()}`;
    for (const n of [1, 2]) {
      const res = await page.request.post('/api/cases', {
        headers: { 'x-csrf-token': csrf },
        data: {
          channel: 'phone',
          organization: { name: `${tag}社${n}` },
          topics: ['ICT.NET'],
          subject: `${tag}-${n}`,
        },
      });
      expect(res.status()).toBe(201);
    }
    await page.goto(`/cases?q=${encodeURIComponent(tag)}`);
    await page.getByRole('table', { name: '案件一覧' }).getByText(`${tag}-1`).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('2 件を選択中').waitFor();
    await bar.getByRole('button', { name: '一括で完了' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '成果', exact: true }).click();
    await page.getByRole('option', { name: '不明' }).click();
    await dialog.getByRole('button', { name: '一括で完了' }).click();
    await bar.waitFor({ state: 'detached' });
    // The bar goes as the change is saved; the list shows it once it has been read again.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('tbody tr td:nth-child(7)')).filter(
          (td) => td.textContent === '完了',
        ).length === 2,
    );
    const statuses = await page.locator('tbody tr td:nth-child(7)').allTextContents();
    expect(statuses).toEqual(['完了', '完了']);
  });
});
