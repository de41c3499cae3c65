import { apiPost } from './support/api';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

describe('partner plans and the referral catalogue in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('lets an admin edit the referral catalogue and copy a fiscal year forward', async () => {
    const { page } = s;
    // A year of its own, so a rerun against the same database copies into an empty year.
    const target = 2030 + (Date.now() % 60);
    await signIn(page, 'admin@example.jp');
    await page.getByRole('link', { name: '支援制度カタログ' }).click();
    await page.getByRole('heading', { name: '支援制度カタログ' }).waitFor();
    const catalogue = page.getByTestId('referral-catalogue');
    await catalogue.getByText('テレワーク総合ポータルサイト').waitFor();
    await catalogue.getByText('https://telework.mhlw.go.jp/').waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '東京テレワーク推進センターを編集' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill('not a url');
    await dialog.getByLabel('実施者').fill('東京しごと財団');
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '保存' }).click();
    // The API's refusal, worded by the console next to the field.
    await dialog.locator('input[aria-invalid="true"]').waitFor();
    await dialog.getByLabel('URL').fill('https://example.jp/tokyo-center');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = catalogue.getByRole('row').filter({ hasText: '東京テレワーク推進センター' });
    await row.getByText('東京しごと財団').waitFor();

    const copyTo = page.getByLabel('複写先の年度');
    await copyTo.fill(String(target));
    await page.getByRole('button', { name: '複写', exact: true }).click();
    await page.getByText(new RegExp(`${target}年度へ\\d+件を複写しました`)).waitFor();
    await expect(page.getByLabel('年度', { exact: true }).inputValue()).resolves.toBe(
      String(target),
    );
    await catalogue
      .getByRole('row')
      .filter({ hasText: '東京テレワーク推進センター' })
      .getByText('東京しごと財団')
      .waitFor();

    // The same copy again: refused, then allowed to add only what is missing (nothing).
    await page.getByLabel('年度', { exact: true }).fill('2026');
    await page.getByLabel('複写先の年度').fill(String(target));
    await page.getByRole('button', { name: '複写', exact: true }).click();
    await page.getByText('複写先の年度にはすでに制度があります', { exact: false }).waitFor();
    await page.getByLabel('複写先にない制度だけを追加する').check();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '複写', exact: true }).click();
    await page.getByText(`${target}年度へ0件を複写しました`, { exact: false }).waitFor();
  }, 150_000);

  it('lets a manager record an activity, link an event and see the progress', async () => {
    const { page } = s;
    const stamp = Date.now();
    const title = `会員企業の見学ツアー${stamp}`;
    await signIn(page, 'manager@example.jp');
    const event = await apiPost<{ id: string }>(page, '/api/events', {
      kind: 'tour',
      title: `見学ツアー${stamp}`,
      startsAt: '2026-12-20T05:00:00.000Z',
      endsAt: '2026-12-20T07:00:00.000Z',
      venue: '東京商工会議所',
      organizerKind: 'chamber_of_commerce',
    });
    expect(event.id).toEqual(expect.any(String));

    await page.getByRole('link', { name: '連携計画' }).click();
    await page.getByRole('heading', { name: '連携計画の取組' }).waitFor();
    await page.getByLabel('年度', { exact: true }).fill('2026');
    await page.getByRole('button', { name: '取組を追加' }).click();
    const dialog = page.getByRole('dialog');
    // The console's own message for the missing title, not the browser's bubble.
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('入力してください').first().waitFor();
    await dialog.getByLabel('主体名').fill('東京商工会議所');
    await dialog.getByLabel(/^取組/).fill(title);
    await dialog.getByLabel('単位').fill('回');
    await dialog.getByLabel('目標').fill('4');
    await dialog.getByLabel('実績(報告値)').fill('3');
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByTestId('partner-plan-table');
    const row = table.getByRole('row').filter({ hasText: title });
    await row.getByText('75.0%').waitFor();

    await row.getByRole('button', { name: `${title}を編集` }).click();
    const edit = page.getByRole('dialog');
    await edit.getByRole('textbox', { name: 'この年度のイベント' }).click();
    await page.getByRole('option', { name: new RegExp(`見学ツアー${stamp}`) }).click();
    await edit.getByRole('button', { name: 'イベントを紐づける' }).click();
    await edit.getByTestId('linked-events').getByText(`見学ツアー${stamp}`).waitFor();
    await edit.getByText('関連イベント(1件)').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: '1', exact: true }).first().waitFor();

    // The progress chart's figures, through its data table.
    const progress = page.getByRole('region', { name: '2026年度 連携計画の進捗' });
    await progress.getByText('データ表', { exact: false }).first().click();
    const line = progress.getByRole('row').filter({ hasText: title });
    await line.getByText('75.0%').waitFor();
    await line.getByText('25.0%').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  }, 150_000);
});
