import {
  type BrowserSession,
  openBrowser,
  screenshot,
  seriousA11yViolations,
  signIn,
} from './support/browser';

describe('desk settings for admins', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('adds a routing rule, edits an SLA target and a closure, and shows the jobs', async () => {
    const { page } = s;
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/settings');
    const rules = page.getByRole('table', { name: 'ルーティング' });
    await rules.getByText('来訪は管轄の地域窓口へ').waitFor();

    const name = `テスト規則${Date.now()}`;
    await page.getByRole('button', { name: 'ルールを追加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名前').fill(name);
    await dialog.getByLabel('順番').fill('999');
    await dialog.getByRole('textbox', { name: '受付経路' }).click();
    await page.getByRole('option', { name: 'セミナー' }).click();
    await dialog.getByRole('textbox', { name: '窓口', exact: true }).click();
    await page.getByRole('option', { name: '近畿窓口' }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = rules.getByRole('row').filter({ hasText: name });
    await row.getByText('セミナー → 近畿窓口').waitFor();
    await screenshot(page, 'admin-settings', 'docs/screenshots/admin-settings.png');
    expect(await seriousA11yViolations(page)).toEqual([]);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '削除' }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'SLA' }).click();
    const web = page.getByLabel('Webフォームの初回回答(営業時間)');
    await web.fill('4');
    await page
      .getByRole('row')
      .filter({ hasText: 'Webフォーム' })
      .getByRole('button', { name: '保存' })
      .click();
    await page.reload();
    await page.getByRole('tab', { name: 'SLA' }).click();
    expect(await page.getByLabel('Webフォームの初回回答(営業時間)').inputValue()).toBe('4');
    // Put it back for the other tests that share the server.
    await page.getByLabel('Webフォームの初回回答(営業時間)').fill('8');
    await page
      .getByRole('row')
      .filter({ hasText: 'Webフォーム' })
      .getByRole('button', { name: '保存' })
      .click();

    await page.getByRole('tab', { name: '窓口' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: '北海道窓口' })
      .getByRole('button', { name: '休業日' })
      .click();
    const closures = page.getByRole('dialog');
    await closures.getByLabel('日付').fill('2030-02-14');
    await closures.getByLabel('理由').fill('研修');
    await closures.getByRole('button', { name: '追加' }).click();
    await closures.getByText('2030-02-14 研修').waitFor();
    await closures.getByRole('button', { name: '削除' }).click();
    await closures.getByText('2030-02-14 研修').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'バックグラウンド処理' }).click();
    await page.getByText('失敗した処理', { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
