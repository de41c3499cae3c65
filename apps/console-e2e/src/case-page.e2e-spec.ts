import type { Schemas } from '@madoguchi/api-client';
import { isBusinessDay } from '@madoguchi/domain';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { apiPost, csrfToken, newCase } from './support/api';

type Case = Schemas['CaseDto'];
const DAY_MS = 24 * 3600_000;

const getCase = (page: Page, id: string): Promise<Case> =>
  page.evaluate((caseId) => fetch(`/api/cases/${caseId}`).then((r) => r.json()), id);

async function patchCase(page: Page, id: string, body: object): Promise<Case> {
  const res = await page.request.patch(`/api/cases/${id}`, {
    headers: { 'x-csrf-token': await csrfToken(page) },
    data: body,
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as Case;
}

/** A toast (Mantine notification) with this text. */
const toast = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notifications-root').getByText(text);

/** The first Tokyo date `from` days out whose weekday passes the test (weekdays: business days). */
function dayAhead(test: (weekday: number) => boolean, from = 21): string {
  for (let t = Date.now() + 9 * 3600_000 + from * DAY_MS; ; t += DAY_MS) {
    const d = new Date(t);
    const day = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay();
    if (test(weekday) && (weekday === 0 || weekday === 6 || isBusinessDay(day))) {
      return day;
    }
  }
}

describe('the case page', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('edits topics, call duration and direction, and takes the case, each confirmed by a toast', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, {
      subject: `編集できる項目${Date.now()}`,
      callDurationSeconds: 0,
    });
    // Nobody holds it yet: the operator takes it from the page.
    await patchCase(page, c.id, { version: c.version, assigneeId: null });
    await page.goto(`/cases/${c.id}`);

    const assignment = page.getByTestId('assignment');
    await assignment.getByText('未割当').waitFor();
    await assignment.getByRole('button', { name: '自分が担当する' }).click();
    await toast(page, '担当を引き受けました').waitFor();
    await assignment.getByText('相談 一郎').waitFor();
    // Only the owning desk's people are offered (the Kanto desk's staff are not).
    await assignment.getByRole('textbox', { name: '案件の担当' }).click();
    await page.getByRole('option', { name: '相談 一郎' }).waitFor();
    expect(await page.getByRole('option', { name: '関東 次郎' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    const form = page.getByTestId('case-edit');
    await form.getByRole('textbox', { name: '相談分野' }).click();
    await page.keyboard.type('LAB.TIME');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await form.getByLabel('通話時間').fill('5:05');
    await form.getByText('発信', { exact: true }).click();
    await form.getByRole('button', { name: '保存' }).click();
    await toast(page, '保存しました').waitFor();

    const saved = await getCase(page, c.id);
    expect(saved.topics).toEqual(['ICT.SEC', 'LAB.TIME']);
    expect(saved.callDurationSeconds).toBe(305);
    expect(saved.callDirection).toBe('outbound');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('refreshes on its own when someone else saves the case', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, { subject: `自動更新前${Date.now()}` });
    await page.goto(`/cases/${c.id}`);
    await page.getByRole('heading', { name: c.subject }).waitFor();
    await patchCase(page, c.id, { version: c.version, subject: 'ほかの窓口で直した件名' });
    // Pushed over the presence stream, within a heartbeat or two; no reload, no focus change.
    await page.getByRole('heading', { name: 'ほかの窓口で直した件名' }).waitFor({ timeout: 10000 });
  });

  it('on an edit conflict compares field by field and merges what does not collide', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, { subject: `競合の元${Date.now()}`, description: '元の内容' });
    await page.goto(`/cases/${c.id}`);
    const form = page.getByTestId('case-edit');
    await form.getByLabel('相談内容').fill('私が書き足した内容');
    // Meanwhile someone else renames it.
    await patchCase(page, c.id, { version: c.version, subject: '相手が直した件名' });
    await form.getByRole('button', { name: '保存' }).click();

    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('相手が直した件名');
    expect(text).toContain('私が書き足した内容');
    await conflict.getByRole('button', { name: 'まとめて保存' }).click();
    await toast(page, '保存しました').waitFor();
    const merged = await getCase(page, c.id);
    // Their subject and my description: neither edit is lost.
    expect(merged.subject).toBe('相手が直した件名');
    expect(merged.description).toBe('私が書き足した内容');
  });

  it('lists outgoing transfers and withdraws a pending one', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const subject = `送った移管${Date.now()}`;
    const c = await newCase(page, { subject });
    await apiPost(page, `/api/cases/${c.id}/transfer`, { deskId: 'kanto', reason: '来訪を希望' });
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: '送った移管' }).click();
    await page.getByRole('table', { name: '案件一覧' }).getByText(subject, { exact: true }).click();
    const pending = page.getByTestId('pending-transfer');
    await pending.waitFor();
    await pending.getByRole('button', { name: '移管を取り消す' }).click();
    await toast(page, '移管を取り消しました').waitFor();
    await pending.waitFor({ state: 'detached' });
    expect((await getCase(page, c.id)).pendingTransfer).toBeNull();
  });

  it('warns before booking a session on a closed day, with pickers in the console language', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, {
      subject: `休業日の予約${Date.now()}`,
      organization: { name: `休業日商会${Date.now()}`, prefectureCode: '13' },
      topics: ['LAB.TIME', 'ICT.SEC'],
    });
    await page.goto(`/cases/${c.id}`);
    await page.getByTestId('sessions-panel').getByRole('button', { name: '派遣を予約' }).click();
    const dialog = page.getByRole('dialog', { name: '派遣を予約' });
    // No native date or time inputs: those follow the browser's language, not the console's.
    expect(await dialog.locator('input[type="date"], input[type="time"]').count()).toBe(0);
    const saturday = dayAhead((d) => d === 6);
    await dialog.getByLabel('日付').fill(saturday);
    await dialog.getByLabel('日付').blur();
    const [y, m, d] = saturday.split('-').map(Number);
    expect(await dialog.getByLabel('日付').inputValue()).toContain(`${y}年${m}月${d}日`);
    await dialog.getByLabel('開始時刻').fill('10:00');
    await page.getByRole('option', { name: '10:00', exact: true }).click();
    const warning = dialog.getByTestId('hours-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('休業日');
    await dialog.getByRole('textbox', { name: 'テレワークマネージャー' }).click();
    await page.getByRole('option').first().click();
    await dialog.getByRole('button', { name: '予約する' }).click();
    // Not saved until the desk says it means it.
    await dialog.getByText('休業日・時間外でも予約するか確かめてください').waitFor();
    await warning.getByRole('checkbox', { name: '休業日・時間外でも予約する' }).check();
    await dialog.getByRole('button', { name: '予約する' }).click();
    await toast(page, '派遣を予約しました').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('reschedules a session in one step: same place in the allowance, on the timeline, no cancellation', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, {
      subject: `日時変更${Date.now()}`,
      organization: { name: `日時変更商会${Date.now()}`, prefectureCode: '13' },
      topics: ['LAB.TIME', 'ICT.SEC'],
    });
    const experts = (await page.evaluate(() =>
      fetch('/api/experts?active=true').then((r) => r.json()),
    )) as { items: { id: string }[] };
    const first = dayAhead((d) => d === 2, 28);
    await apiPost(page, `/api/cases/${c.id}/sessions`, {
      expertId: experts.items[0]!.id,
      kind: 'assessment',
      scheduledStart: `${first}T10:00:00+09:00`,
      durationMinutes: 60,
      mode: 'online',
    });
    await page.goto(`/cases/${c.id}`);
    const panel = page.getByTestId('sessions-panel');
    await panel.getByTestId('allowance').getByText('無料派遣 1 / 3 回利用').waitFor();
    await panel.getByRole('button', { name: '日時を変更' }).click();
    const dialog = page.getByRole('dialog', { name: '派遣の日時を変更' });
    const to = dayAhead((d) => d === 3, 28);
    await dialog.getByLabel('日付').fill(to);
    await dialog.getByLabel('開始時刻').fill('13:30');
    await page.getByRole('option', { name: '13:30', exact: true }).click();
    await dialog.getByRole('button', { name: '日時を変更する' }).click();
    await toast(page, '派遣の日時を変更しました').waitFor();
    await panel.getByTestId('allowance').getByText('無料派遣 1 / 3 回利用').waitFor();
    await page.getByText('派遣日時変更').first().waitFor();
    const sessions = (await page.evaluate(
      (caseId) => fetch(`/api/cases/${caseId}/sessions`).then((r) => r.json()),
      c.id,
    )) as { items: { status: string; scheduledStart: string }[] };
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]!.status).toBe('scheduled');
    expect(sessions.items[0]!.scheduledStart).toBe(new Date(`${to}T13:30:00+09:00`).toISOString());
  });

  it('answers a missing or malformed case id with a not-found page at once, without retrying', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    for (const id of ['not-a-case', '00000000-0000-4000-8000-000000000000']) {
      const requests: string[] = [];
      page.on('request', (r) => r.url().includes(`/api/cases/${id}`) && requests.push(r.url()));
      const started = Date.now();
      await page.goto(`/cases/${id}`);
      await page.getByRole('heading', { name: '案件が見つかりません' }).waitFor({ timeout: 3000 });
      expect(Date.now() - started).toBeLessThan(3000);
      await page.waitForTimeout(1500);
      // At most one request for the case (none for a malformed id), and none retried.
      expect(
        requests.filter((u) => new URL(u).pathname === `/api/cases/${id}`).length,
      ).toBeLessThanOrEqual(1);
      page.removeAllListeners('request');
    }
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('says "not saved — retry" on a network failure and keeps what was typed', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const c = await newCase(page, { subject: `通信断${Date.now()}` });
    await page.goto(`/cases/${c.id}`);
    const form = page.getByTestId('case-edit');
    await page.route(`**/api/cases/${c.id}`, (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue(),
    );
    await form.getByLabel('件名').fill('通信が切れても消えない件名');
    await form.getByRole('button', { name: '保存' }).click();
    const failed = page.getByTestId('not-saved');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('保存できませんでした');
    expect(await form.getByLabel('件名').inputValue()).toBe('通信が切れても消えない件名');
    await page.unroute(`**/api/cases/${c.id}`);
    await failed.getByRole('button', { name: '再試行' }).click();
    await toast(page, '保存しました').waitFor();
    expect((await getCase(page, c.id)).subject).toBe('通信が切れても消えない件名');
    await screenshot(page, 'case-page-retry');
  });
});
