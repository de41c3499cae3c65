import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  seriousA11yViolations,
  signIn,
} from './support/browser';

async function newCase(page: Page, subject: string): Promise<string> {
  const csrf = await page.evaluate(() =>
    fetch('/api/auth/me')
      .then((r) => r.json())
      .then((body: { csrfToken: string }) => body.csrfToken),
  );
  const res = await page.request.post('/api/cases', {
    headers: { 'x-csrf-token': csrf },
    data: {
      channel: 'phone',
      organization: { name: `${subject}の会社`, prefectureCode: '13', industryCode: 'I' },
      topics: ['LAB.TIME', 'ICT.SEC'],
      subject,
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A weekday far enough ahead, different per run, so runs do not collide on an expert. */
const futureDay = (): string => {
  const d = new Date(Date.UTC(2027, 5, 1) + (Date.now() % 150) * 24 * 3600_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) {
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return d.toISOString().slice(0, 10);
};

async function book(page: Page, day: string, time: string): Promise<void> {
  await page.getByRole('button', { name: '派遣を予約' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('日付').fill(day);
  await dialog.getByLabel('開始時刻').fill(time);
  // Wait for the ranking of that day, then take the best-ranked expert.
  await dialog.getByRole('textbox', { name: 'テレワークマネージャー' }).click();
  await page
    .getByRole('option', { name: /（\d+）/ })
    .first()
    .click();
  await dialog.getByTestId('suggestion-reasons').waitFor();
  await dialog.getByRole('button', { name: '予約する' }).click();
}

describe('expert sessions in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('books three sessions, then shows why the fourth is refused', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const id = await newCase(page, `派遣予約${Date.now()}`);
    await page.goto(`/cases/${id}`);
    const allowance = page.getByTestId('allowance');
    await allowance.getByText('無料派遣 0 / 3 回利用').waitFor();
    const day = futureDay();
    for (const [time, used] of [
      ['09:00', 1],
      ['11:00', 2],
      ['14:00', 3],
    ] as const) {
      await book(page, day, time);
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await allowance.getByText(`無料派遣 ${used} / 3 回利用`).waitFor();
    }
    await book(page, day, '16:00');
    const refused = page.getByTestId('session-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('無料派遣(3回)はすべて使用済みです');
    await screenshot(page, 'sessions', 'docs/screenshots/sessions.png');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lets an expert see the week and file a report', async () => {
    const { page } = s;
    await signIn(page, 'expert1@example.jp');
    await page.goto('/sessions');
    await page.getByRole('heading', { name: '自分の派遣予定' }).waitFor();
    await page.getByText('週', { exact: true }).click();
    await page.getByTestId('week-view').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByText('一覧', { exact: true }).click();
    const report = page.getByRole('button', { name: '報告を記入' }).first();
    if ((await report.count()) > 0) {
      await report.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('所見').fill('勤怠管理の仕組みが未整備');
      await dialog.getByLabel('提案').fill('クラウド勤怠の試行');
      await dialog.getByLabel('次のステップ').fill('就業規則の改定案を作成');
      await dialog.getByRole('button', { name: '報告して完了' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
  });
});
