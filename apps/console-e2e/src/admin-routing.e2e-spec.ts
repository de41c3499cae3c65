import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';

/** Retries a read until it satisfies the check: the list re-renders after the server answers. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// All browser tests share one server and database: whatever a test changes here, it puts back.
describe('admin screens for routing, SLA, desks and jobs', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
    await signIn(s.page, 'admin@example.jp');
  });
  afterEach(() => s.close());

  it('creates a routing rule that reads as a sentence, survives a conflict, moves and is deleted', async () => {
    const { page, context } = s;
    await page.getByRole('link', { name: '振り分けルール' }).click();
    await page.getByRole('heading', { name: '振り分けルール' }).waitFor();
    const rules = page.getByRole('table', { name: '振り分けルールの一覧' });
    await rules
      .getByRole('row')
      .filter({ hasText: '来訪は管轄の地域窓口へ' })
      .getByText('来訪 → 管轄の地域窓口')
      .waitFor();

    const name = '大阪のセミナーは近畿窓口へ';
    await page.getByRole('button', { name: 'ルールを追加' }).click();
    const dialog = page.getByRole('dialog', { name: 'ルールを追加' });
    await dialog.getByLabel('名前').fill(name);
    await dialog.getByRole('textbox', { name: '受付経路' }).click();
    await page.getByRole('option', { name: 'セミナー' }).click();
    await dialog.getByRole('textbox', { name: '組織の都道府県' }).click();
    await dialog.getByRole('textbox', { name: '組織の都道府県' }).fill('大阪');
    await page.getByRole('option', { name: '大阪府' }).click();
    await dialog.getByRole('radio', { name: '指定の窓口' }).check();
    await dialog.getByRole('textbox', { name: '窓口', exact: true }).click();
    await page.getByRole('option', { name: '近畿窓口' }).click();
    await dialog.getByText('セミナー かつ 大阪府 → 近畿窓口').waitFor();
    await screenshot(page, 'admin-routing-rule-form');
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = rules.getByRole('row').filter({ hasText: name });
    await row.getByText('セミナー かつ 大阪府 → 近畿窓口').waitFor();
    await screenshot(page, 'admin-routing', 'docs/screenshots/admin-routing.png');
    expect(await a11yViolations(page)).toEqual([]);

    // Another admin switches the rule off while this one has it open: the save meets a conflict.
    await row.getByRole('button', { name: `「${name}」を編集` }).click();
    const edit = page.getByRole('dialog', { name: `ルールを編集: ${name}` });
    await edit.getByLabel('名前').fill(`${name}改`);
    const other = await context.newPage();
    await other.goto('/admin/routing');
    await other.getByRole('switch', { name: `「${name}」を有効にする` }).click({ force: true });
    await other
      .getByRole('table', { name: '振り分けルールの一覧' })
      .getByRole('row')
      .filter({ hasText: name })
      .getByText('無効')
      .waitFor();
    await other.close();
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText('他の管理者が先にこのルールを変更しました').waitFor();
    await screenshot(page, 'admin-routing-conflict');
    await edit.getByRole('button', { name: '最新の内容を読み込む' }).click();
    expect(await edit.getByLabel('名前').inputValue()).toBe(name);
    expect(await edit.getByRole('switch', { name: '有効' }).isChecked()).toBe(false);
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'detached' });

    // The new rule comes last; one step up puts it above the national-center rule, and back.
    const names = () => rules.locator('tbody tr td:nth-child(2)').allInnerTexts();
    const before = await names();
    expect(before.at(-1)).toContain(name);
    await row.getByRole('button', { name: `「${name}」を上へ` }).click();
    const moved = await eventually(names, (n) => n.at(-2)?.includes(name) ?? false);
    expect(moved.at(-2)).toContain(name);
    expect(moved.at(-1)).toBe(before.at(-2));
    await row.getByRole('button', { name: `「${name}」を下へ` }).click();
    expect(await eventually(names, (n) => n.at(-1)?.includes(name) ?? false)).toEqual(before);

    await row.getByRole('button', { name: `「${name}」を削除` }).click();
    const confirm = page.getByRole('dialog', { name: 'ルールを削除' });
    await confirm.getByText(`ルール「${name}」を削除しますか?`).waitFor();
    await confirm.getByRole('button', { name: '削除する' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('edits an SLA target in place and a desk’s closures, with the API’s messages under the fields', async () => {
    const { page } = s;
    const policies = (await (await page.request.get('/api/sla-policies')).json()) as {
      items: { channel: string; firstResponseBusinessHours: number | null }[];
    };
    const original = policies.items.find((p) => p.channel === 'web')!.firstResponseBusinessHours;

    await page.getByRole('link', { name: '窓口とSLA' }).click();
    const sla = page.getByRole('table', { name: '受付経路ごとの対応期限' });
    const web = sla.getByRole('row').filter({ hasText: 'Webフォーム' });
    const hours = web.getByLabel('Webフォームの初回回答の期限(営業時間)');
    await web.getByRole('button', { name: 'Webフォームの期限を編集' }).click();
    await hours.fill('0');
    await web.getByRole('button', { name: '保存' }).click();
    await web.getByText('0.25以上の値を入力してください').waitFor();
    await screenshot(page, 'admin-sla');
    await hours.fill('4');
    await hours.press('Enter');
    await web.getByText('4 営業時間').waitFor();
    await page.reload();
    await web.getByText('4 営業時間').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    // Put it back for the other tests (empty = answered on contact).
    await web.getByRole('button', { name: 'Webフォームの期限を編集' }).click();
    await hours.fill(original === null ? '' : String(original));
    await web.getByRole('button', { name: '保存' }).click();
    await web.getByRole('button', { name: 'Webフォームの期限を編集' }).waitFor();

    await page.getByRole('tab', { name: /^窓口/ }).click();
    const desks = page.getByRole('table', { name: '窓口の受付時間と割り当て' });
    const hokkaido = desks.getByRole('row').filter({ hasText: '北海道窓口' });
    await hokkaido.getByRole('button', { name: '北海道窓口を編集' }).click();
    await hokkaido.getByLabel('北海道窓口の終了時刻').fill('00:00');
    await hokkaido.getByRole('button', { name: '保存' }).click();
    await hokkaido.getByText('終了時刻は開始時刻より後にしてください').waitFor();
    await screenshot(page, 'admin-desks');
    await hokkaido.getByRole('button', { name: 'キャンセル' }).click();
    expect(await a11yViolations(page)).toEqual([]);

    await hokkaido.getByRole('button', { name: '北海道窓口の休業日' }).click();
    const closures = page.getByRole('dialog', { name: '北海道窓口の休業日' });
    await closures.getByLabel('日付').fill('2030-02-14');
    await closures.getByLabel('理由').fill('研修');
    await closures.getByRole('button', { name: '休業日を追加' }).click();
    const closure = closures.getByRole('row').filter({ hasText: '2030年2月14日(木)' });
    await closure.getByText('研修').waitFor();
    await screenshot(page, 'admin-desk-closures');
    expect(await a11yViolations(page)).toEqual([]);
    await closure.getByRole('button', { name: '2030年2月14日(木)の休業日を削除' }).click();
    await closure.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await closures.waitFor({ state: 'detached' });
  });

  it('shows whether the workers run, their queues and the failed jobs', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'バックグラウンド処理' }).click();
    await page.getByRole('heading', { name: 'バックグラウンド処理' }).waitFor();
    await page.getByText('このサーバーでバックグラウンド処理が動いています。').waitFor();
    const queues = page.getByRole('table', { name: 'バックグラウンド処理のキュー' });
    await queues
      .getByRole('row')
      .filter({ hasText: 'sla-breach-scan' })
      .getByText('SLA超過の確認')
      .waitFor();
    await page.getByRole('heading', { name: /^失敗した処理/ }).waitFor();
    await screenshot(page, 'admin-jobs');
    expect(await a11yViolations(page)).toEqual([]);
  });
});
