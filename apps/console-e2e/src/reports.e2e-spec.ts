import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { csrfToken } from './support/api';

// May 2024 lies before the demo data (which goes back about 540 days), so the cases this spec
// logs there are the only ones the custom period counts.
const PERIOD = 'period=custom&from=2024-05-01&to=2024-05-31';
const SEEDED = [
  { channel: 'email', day: '2024-05-08' },
  { channel: 'email', day: '2024-05-15' },
  { channel: 'email', day: '2024-05-31' },
  { channel: 'web', day: '2024-05-20' },
  { channel: 'web', day: '2024-05-21' },
  // The day after the period: a drill-down must not count it.
  { channel: 'email', day: '2024-06-01' },
] as const;

async function seedCases(page: Page): Promise<void> {
  const token = await csrfToken(page);
  for (const [i, c] of SEEDED.entries()) {
    const res = await page.request.post('/api/cases', {
      headers: { 'x-csrf-token': token },
      data: {
        channel: c.channel,
        // 10:00 JST on the day.
        receivedAt: `${c.day}T01:00:00.000Z`,
        organization: { name: `レポート検証商事${i}`, prefectureCode: '13', employees: 12 },
        topics: ['LAB.TIME'],
        subject: `レポート検証 ${i}`,
      },
    });
    expect(res.status()).toBe(201);
  }
}

async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

describe('reports in the console', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await openBrowser();
    // Managers read but do not log cases: an operator logs the cases the reports count.
    const operator = await (
      await s.browser.newContext({
        baseURL: process.env.MADOGUCHI_E2E_BASE_URL,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(operator, 'operator@example.jp');
    await seedCases(operator);
    await operator.context().close();
    await signIn(s.page, 'manager@example.jp');
  });
  afterAll(() => s.close());

  it('shows the dashboard with charts, no serious accessibility violations', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByText('レポート').click();
    await page.waitForURL('**/reports');
    await page.getByRole('heading', { name: 'レポート', level: 2 }).waitFor();
    const month = page.getByRole('region', { name: '月別の受付件数(経路別)' });
    // Demo data fills this fiscal year: the bars are drawn.
    await month.locator('.recharts-bar-rectangle').first().waitFor();
    // Each report says when its figures were current (a reporting replica may be behind).
    await month.getByText(/^\d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} 時点のデータ$/).waitFor();
    await page
      .getByRole('region', { name: '相談分野別の件数' })
      .locator('.recharts-bar-rectangle')
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: '導入率(ブロック別)と政府目標' })
      .locator('.recharts-bar-rectangle')
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: '相談から導入まで' })
      .locator('.recharts-bar-rectangle')
      .first()
      .waitFor();
    // The session-kind donut is named by its legend (demo data books assessments first).
    await page
      .getByTestId('session-kind-legend')
      .getByText(/^現状把握 \d+$/)
      .waitFor();
    await screenshot(page, 'reports', 'docs/screenshots/reports.png');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('keeps the filters in the URL and drills from a bar into the matching cases', async () => {
    const { page } = s;
    await page.goto(`/reports?${PERIOD}`);
    const month = page.getByRole('region', { name: '月別の受付件数(経路別)' });
    await month.locator('.recharts-bar-rectangle').first().waitFor();
    // One month, two channels: phone is not there, so the first segment is email (3 cases).
    expect(await month.locator('.recharts-bar-rectangle').count()).toBe(2);

    // The keyboard route: the data table under the chart links each bar to its cases.
    await month.getByText('データ表(クリックで案件一覧へ)').click();
    await month.getByRole('link', { name: '2024年5月 メールの案件を開く' }).click();
    await page.waitForURL('**/cases?**');
    const url = new URL(page.url());
    expect(url.searchParams.get('channel')).toBe('email');
    expect(url.searchParams.get('receivedFrom')).toBe('2024-04-30T15:00:00.000Z');
    expect(url.searchParams.get('receivedTo')).toBe('2024-05-31T15:00:00.000Z');
    const rows = page.getByRole('table', { name: '案件一覧' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    // The list says why it is filtered, and the filter can be lifted.
    const chips = page.getByTestId('filter-chips');
    await chips.getByText('受付日: 2024年5月1日〜2024年5月31日').waitFor();
    await chips.getByRole('button', { name: /受付日/ }).click();
    await chips.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('receivedFrom')).toBeNull();

    // The mouse route: a click on the web segment of the bar.
    await page.goto(`/reports?${PERIOD}`);
    await month.locator('.recharts-bar-rectangle').nth(1).waitFor();
    await month.locator('.recharts-bar-rectangle path').nth(1).click();
    await page.waitForURL('**/cases?**');
    expect(new URL(page.url()).searchParams.get('channel')).toBe('web');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
  });

  it('downloads CSV (BOM, CRLF) and Excel through the API', async () => {
    const { page } = s;
    await page.goto(`/reports?${PERIOD}`);
    const month = page.getByRole('region', { name: '月別の受付件数(経路別)' });
    await month.locator('.recharts-bar-rectangle').first().waitFor();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      month.getByRole('link', { name: '月別の受付件数(経路別)をCSVでダウンロード' }).click(),
    ]);
    const csvBytes = await downloadBytes(csv);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csvBytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      month.getByRole('link', { name: '月別の受付件数(経路別)をExcelでダウンロード' }).click(),
    ]);
    expect((await downloadBytes(xlsx)).subarray(0, 2).toString('latin1')).toBe('PK');

    // The case export for the same filters: the five cases of May, one row each.
    const [cases] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '案件の一覧(この絞り込み)をCSVでダウンロード' }).click(),
    ]);
    const lines = (await downloadBytes(cases)).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 5);
  });

  it('picks a month the Japanese way, downloads its results workbook and freezes it once', async () => {
    const { page } = s;
    await page.goto(`/reports?${PERIOD}`);
    const panel = page.getByRole('region', { name: 'ダウンロードと確定' });
    // A picker in the console's language, grouped by fiscal year, not the browser's own.
    await panel.getByRole('textbox', { name: '月', exact: true }).click();
    await page.getByRole('group', { name: '2024年度' }).waitFor();
    await page.getByRole('option', { name: '2024年5月' }).click();
    expect(await panel.getByRole('textbox', { name: '月', exact: true }).inputValue()).toBe(
      '2024年5月',
    );
    expect(
      await panel.getByRole('link', { name: '月次報告(印刷用)を開く' }).getAttribute('href'),
    ).toBe('/reports/monthly?month=2024-05');

    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('link', { name: '実績報告ブックをダウンロード' }).click(),
    ]);
    expect((await downloadBytes(workbook)).subarray(0, 2).toString('latin1')).toBe('PK');

    await panel.getByRole('button', { name: 'この期間の実績を確定' }).click();
    await panel.getByRole('status').getByText('2024年5月の実績を確定しました。').waitFor();
    // The snapshot is listed by its period and scope in words, not as codes.
    await panel
      .getByRole('listitem')
      .filter({ hasText: '2024年5月(範囲: すべての窓口)' })
      .waitFor();
    // A period is frozen once: a second try is refused and says so.
    await panel.getByRole('button', { name: 'この期間の実績を確定' }).click();
    await panel.getByRole('alert').waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(1);
  });

  it('prints the monthly report without the console around it', async () => {
    const { page } = s;
    await page.goto('/reports/monthly?month=2024-05');
    await page.getByRole('heading', { name: '月次実績報告 2024年5月' }).waitFor();
    const byChannel = page.locator('section').filter({ hasText: '受付経路別' });
    await byChannel.getByRole('row', { name: 'メール 3' }).waitFor();
    await byChannel.getByRole('row', { name: 'Webフォーム 2' }).waitFor();
    // The picker shows the month the link asked for.
    const picker = page.getByRole('textbox', { name: '対象月' });
    expect(await picker.inputValue()).toBe('2024年5月');
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    await screenshot(page, 'reports-monthly', 'docs/screenshots/reports-monthly.png');
    await page.emulateMedia({ media: 'screen' });
    expect(await nav.isVisible()).toBe(true);
  });
});
