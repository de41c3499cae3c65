import { isBusinessDay } from '@madoguchi/domain';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  docsScreenshot,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { apiPost, newCase as logCase } from './support/api';

const DAY_MS = 24 * 3600_000;

/** A case of its own organization (the allowance is per organization), in expert1's field. */
async function newCase(page: Page, subject: string): Promise<{ id: string; orgName: string }> {
  const orgName = `${subject}の会社`;
  const created = await logCase(page, {
    organization: { name: orgName, prefectureCode: '13', industryCode: 'I' },
    topics: ['LAB.TIME', 'ICT.SEC'],
    subject,
  });
  return { id: created.id, orgName };
}

/**
 * Business days (Tokyo) three weeks out and on, clear of the demo data's upcoming sessions: a
 * holiday or the year-end break would (rightly) ask the desk to confirm booking on a closed day.
 */
function weekdaysAhead(count: number): string[] {
  const days: string[] = [];
  for (let t = Date.now() + 9 * 3600_000 + 21 * DAY_MS; days.length < count; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (isBusinessDay(day)) {
      days.push(day);
    }
  }
  return days;
}

/** Fills the booking form for the day and time, taking the best-ranked expert. */
async function fillBooking(page: Page, day: string, time: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '派遣を予約' });
  await dialog.getByLabel('日付').fill(day);
  // The time is picked from 24-hour steps (the console's own, not the browser's AM/PM).
  await dialog.getByLabel('開始時刻').fill(time);
  await page.getByRole('option', { name: time, exact: true }).click();
  await dialog.getByRole('textbox', { name: 'テレワークマネージャー' }).click();
  await page
    .getByRole('option', { name: /適合度 \d+/ })
    .first()
    .click();
  // The ranking says why; the best fit covers the organization's prefecture.
  const reasons = dialog.getByTestId('suggestion-reasons');
  await reasons.waitFor();
  expect(await reasons.textContent()).toContain('担当地域内');
}

describe('expert sessions in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('books three sessions, explains why a past start and a fourth are refused, and a manager grants one more', async () => {
    const { page, context } = s;
    await signIn(page, 'operator@example.jp');
    const { id } = await newCase(page, `派遣予約${Date.now()}`);
    await page.goto(`/cases/${id}`);
    const panel = page.getByTestId('sessions-panel');
    const allowance = panel.getByTestId('allowance');
    await allowance.getByText('無料派遣 0 / 3 回利用').waitFor();

    const days = weekdaysAhead(3);
    const slots = [
      [days[0]!, '09:00'],
      [days[1]!, '11:00'],
      [days[2]!, '14:00'],
    ] as const;
    for (const [i, [day, time]] of slots.entries()) {
      await panel.getByRole('button', { name: '派遣を予約' }).click();
      await fillBooking(page, day, time);
      await page.getByRole('dialog').getByRole('button', { name: '予約する' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await allowance.getByText(`無料派遣 ${i + 1} / 3 回利用`).waitFor();
    }
    // The allowance and the list are read separately: wait for the third row, then count.
    await panel.getByTestId('session-row').nth(2).waitFor();
    expect(await panel.getByTestId('session-row').count()).toBe(3);
    expect(await allowance.textContent()).toContain('3 / 3');

    // A start already past is refused on the form, in words, under the date.
    await panel.getByRole('button', { name: '派遣を予約' }).click();
    const dialog = page.getByRole('dialog', { name: '派遣を予約' });
    const yesterday = new Date(Date.now() + 9 * 3600_000 - DAY_MS).toISOString().slice(0, 10);
    await fillBooking(page, yesterday, '10:00');
    await dialog.getByRole('button', { name: '予約する' }).click();
    await dialog.getByText('開始日時が過去です').waitFor();

    // The fourth, in the future, meets the organization's limit.
    await dialog.getByLabel('日付').fill(days[0]!);
    await dialog.getByLabel('開始時刻').fill('15:00');
    await page.getByRole('option', { name: '15:00', exact: true }).click();
    await dialog.getByRole('button', { name: '予約する' }).click();
    const refused = dialog.getByTestId('session-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('この組織の無料派遣(3回)はすべて使用済みです');
    expect(await a11yViolations(page)).toEqual([]);
    await screenshot(page, 'sessions');
    // The docs show the dialog over the panel as the desk sees it, not a full-page capture.
    await page.setViewportSize({ width: 1280, height: 960 });
    await docsScreenshot(page, 'docs/screenshots/sessions.png');

    // A manager may grant one more, with the reason on record; the limit rises with it.
    await context.clearCookies();
    await signIn(page, 'manager@example.jp');
    await page.goto(`/cases/${id}`);
    await panel.getByRole('button', { name: '追加の1回を認める' }).click();
    const grant = page.getByRole('dialog', { name: '追加の1回を認める' });
    await grant.getByLabel('追加を認める理由').fill('導入後の就業規則改定に追加の助言が必要');
    await grant.getByRole('button', { name: '1回追加する' }).click();
    await grant.waitFor({ state: 'detached' });
    await allowance.getByText('無料派遣 3 / 4 回利用(追加承認 1 回を含む)').waitFor();
    await panel
      .getByTestId('session-grants')
      .getByText('導入後の就業規則改定に追加の助言が必要')
      .waitFor();
  });

  it('lets an expert see the week and report a session that has begun', async () => {
    const { page, context } = s;
    // The desk books expert1 for a session starting in a moment (the API takes only future starts).
    await signIn(page, 'operator@example.jp');
    const { id: caseId, orgName } = await newCase(page, `派遣報告${Date.now()}`);
    const experts = await page.request.get('/api/experts?q=expert1%40example.jp');
    const [expert1] = ((await experts.json()) as { items: { id: string }[] }).items;
    // Three seconds leave room for a slow CI machine between here and the API's "in the future" check.
    const startsAt = Date.now() + 3_000;
    await apiPost(page, `/api/cases/${caseId}/sessions`, {
      expertId: expert1!.id,
      kind: 'assessment',
      scheduledStart: new Date(startsAt).toISOString(),
      durationMinutes: 15,
      mode: 'online',
    });

    await context.clearCookies();
    await signIn(page, 'expert1@example.jp');
    await page.waitForTimeout(Math.max(0, startsAt - Date.now() + 200));
    await page.getByRole('link', { name: '自分の派遣予定' }).click();
    await page.getByRole('heading', { name: '自分の派遣予定' }).waitFor();

    await page.getByText('週', { exact: true }).click();
    const week = page.getByTestId('week-view');
    await week.getByTestId('week-session').filter({ hasText: orgName }).waitFor();
    expect(await week.getByTestId('week-day').count()).toBe(7);
    await week.getByRole('button', { name: '次の週' }).click();
    await week.getByRole('button', { name: '今週' }).click();
    await week.getByTestId('week-session').filter({ hasText: orgName }).waitFor();
    await screenshot(page, 'my-sessions-week');
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByText('一覧', { exact: true }).click();
    const row = page.getByTestId('my-session').filter({ hasText: orgName });
    await row.getByRole('button', { name: '報告を記入' }).click();
    const dialog = page.getByRole('dialog', { name: '派遣の報告' });
    await dialog.getByLabel('所見').fill('勤怠管理の仕組みが未整備');
    await dialog.getByLabel('提案').fill('クラウド勤怠の試行');
    await dialog.getByLabel('次のステップ').fill('就業規則の改定案を作成');
    await dialog.getByLabel('実際の所要時間(分)').fill('20');
    await dialog.getByLabel('謝金(円)').fill('30000');
    await dialog.getByRole('button', { name: '報告して完了' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('完了', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: '報告を記入' }).count()).toBe(0);

    // The private calendar feed: issued once, then revoked.
    await page.getByRole('button', { name: 'URLを発行(古いURLは無効)' }).click();
    const feedUrl = page.getByRole('textbox', { name: 'カレンダーURL' });
    await feedUrl.waitFor();
    expect(await feedUrl.inputValue()).toMatch(/\/api\/calendar\/.+\.ics$/);
    await page.getByRole('button', { name: 'URLを無効にする' }).click();
    await page.getByText('カレンダーURLを無効にしました。').waitFor();

    // The expert reads the case to prepare, but the desk's controls are not offered.
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: `派遣報告` }).first().waitFor();
    await page.getByText(orgName).first().waitFor();
    expect(await page.getByRole('group', { name: '状態を変更' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '記録を追加' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '案内を記録' }).count()).toBe(0);
  });
});
