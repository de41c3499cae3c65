import type { Locator } from 'playwright-core';
import { apiPost, newCase } from './support/api';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

/** The words tied to a field for assistive technology: its error message once there is one. */
const messageOf = (field: Locator): Promise<string> =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );

/** The form around a field leaves validation to the console, not the browser's bubbles. */
const noValidate = (field: Locator): Promise<boolean> =>
  field.evaluate((el) => (el as HTMLInputElement).form?.noValidate ?? false);

describe('the console’s own required messages (issue 22)', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('names the empty fields in Japanese when a new user is saved empty', async () => {
    const { page } = s;
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'ユーザーを追加' }).click();
    const dialog = page.getByRole('dialog');
    const email = dialog.getByRole('textbox', { name: 'メールアドレス' });
    expect(await noValidate(email)).toBe(true);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('入力してください').first().waitFor();
    expect(await messageOf(email)).toContain('入力してください');
    expect(await messageOf(dialog.getByRole('textbox', { name: '氏名' }))).toContain(
      '入力してください',
    );
    expect(await a11yViolations(page)).toEqual([]);
    // Typing clears the message of that field only.
    await email.fill('someone@example.jp');
    expect(await messageOf(email)).not.toContain('入力してください');
  });

  it('names the empty title and date of a new event', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/events/new');
    const title = page.getByRole('textbox', { name: 'タイトル' });
    expect(await noValidate(title)).toBe(true);
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByText('入力してください').first().waitFor();
    expect(await messageOf(title)).toContain('入力してください');
    expect(await messageOf(page.getByRole('textbox', { name: '開催日' }))).toContain(
      '入力してください',
    );
    expect(await a11yViolations(page)).toEqual([]);
    await title.fill('セミナー');
    expect(await messageOf(title)).not.toContain('入力してください');
  });

  it('names the missing outcome on closing a case and the emptied days of a follow-up', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `必須項目${Date.now()}` });
    await page.goto(`/cases/${created.id}`);

    await page.getByRole('button', { name: '完了', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '完了' });
    const outcome = dialog.getByRole('textbox', { name: '成果', exact: true });
    expect(await noValidate(outcome)).toBe(true);
    await dialog.getByRole('button', { name: '確定' }).click();
    await dialog.getByText('選んでください').waitFor();
    expect(await messageOf(outcome)).toContain('選んでください');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const days = page.getByRole('textbox', { name: '何営業日後' });
    await days.fill('');
    expect(await noValidate(days)).toBe(true);
    await page.getByRole('button', { name: '予定を追加' }).click();
    await page.getByText('入力してください').waitFor();
    expect(await messageOf(days)).toContain('入力してください');
  });
});

describe('sessions today on the home page', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('opens the sessions list filtered to today', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `本日の派遣${Date.now()}` });
    // expert2, late today (Tokyo): the sessions spec books expert1 in the next minutes, and
    // the suite shares one database.
    const experts = await page.request.get('/api/experts?q=expert2%40example.jp');
    const [expert2] = ((await experts.json()) as { items: { id: string }[] }).items;
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const lateToday = Date.parse(`${today}T23:30:00+09:00`);
    await apiPost(page, `/api/cases/${created.id}/sessions`, {
      expertId: expert2!.id,
      kind: 'assessment',
      // The API takes only future starts; after 23:00 a minute ahead still stays today.
      scheduledStart: new Date(
        lateToday - Date.now() > 3_600_000 ? lateToday : Date.now() + 60_000,
      ).toISOString(),
      durationMinutes: 15,
      mode: 'online',
    });

    await page.goto('/');
    const tile = page.getByTestId('work-sessionsToday');
    await tile.getByRole('link').click();
    await page.waitForURL(`**/sessions?day=${today}`);
    const [y, m, d] = today.split('-').map(Number);
    await page.getByRole('heading', { name: `${y}年${m}月${d}日の派遣` }).waitFor();
    await page
      .getByRole('table', { name: 'この日の派遣' })
      .getByRole('link', { name: created.organization.name })
      .waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  });
});
