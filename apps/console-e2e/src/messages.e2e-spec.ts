import type { Page } from 'playwright-core';
import { apiPost, newCase } from './support/api';
import { a11yViolations, type BrowserSession, openBrowser, signIn } from './support/browser';

/** The error text Mantine shows under a field (its aria-describedby), or null when there is none. */
const fieldError = (page: Page, label: string) =>
  page.getByRole('textbox', { name: label }).evaluate((input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const error = ids
      .map((id) => document.getElementById(id))
      .find((el) => el?.id.endsWith('-error'));
    return error?.textContent ?? null;
  });

/** Waits until the field's error is `expected` (null: none); a re-render may take a moment. */
async function expectFieldError(page: Page, label: string, expected: string | null) {
  const deadline = Date.now() + 5_000;
  let shown = await fieldError(page, label);
  while (shown !== expected && Date.now() < deadline) {
    await page.waitForTimeout(50);
    shown = await fieldError(page, label);
  }
  expect({ label, shown }).toEqual({ label, shown: expected });
}

// Only Latin letters, digits and punctuation: what an untranslated English message looks like.
const ENGLISH = /\b(must|should|Internal|incorrect|Invalid|not found|elements|characters)\b/i;

// A cell that says a desk by its id (emails such as kanto@example.jp say other things).
const DESK_IDS = /(^|[\s·→])(national|kanto|kinki|tohoku|hokkaido)($|[\s·])/;

describe('messages in Japanese, names not codes, one date format', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('words the intake’s problems in Japanese next to each field, and clears each as it is fixed', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    const subject = page.getByLabel('件名');
    await subject.waitFor();
    // Nothing filled: the console's own checks, never the browser's "Please fill out this field."
    await page.getByRole('button', { name: /^登録/ }).click();
    await page.getByText('入力してください').first().waitFor();
    await expectFieldError(page, '件名', '入力してください');
    await expectFieldError(page, '相談分野', '1つ以上選んでください');
    expect(await page.evaluate(() => document.querySelector('form')?.noValidate)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);

    // Typing fixes the field: its message goes at once, the others stay.
    await subject.fill('x');
    await expectFieldError(page, '件名', null);
    await expectFieldError(page, '相談分野', '1つ以上選んでください');

    // A too-long subject and a malformed email reach the API; its answer is worded here.
    await page.getByRole('textbox', { name: '組織' }).fill(`文言テスト商会${Date.now()}`);
    await page.getByRole('option', { name: /^新規登録/ }).click();
    await page.getByRole('textbox', { name: '相談分野' }).focus();
    await page.keyboard.type('ICT.NET');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await subject.fill('長'.repeat(201));
    expect(await page.getByText('201 / 200文字').count()).toBe(1);
    await page.getByLabel('新しい担当者の氏名').fill('窓口 花子');
    await page.getByLabel('担当者のメール').fill('hanako@');
    await page.getByRole('button', { name: /^登録/ }).click();
    await page.getByText('1〜200文字で入力してください').waitFor();
    await expectFieldError(page, '件名', '1〜200文字で入力してください');
    expect(await fieldError(page, '担当者のメール')).toMatch(
      /^メールアドレスの形式が正しくありません/,
    );
    expect(await page.locator('form').textContent()).not.toMatch(ENGLISH);
    expect(await a11yViolations(page)).toEqual([]);

    // A domain of its own: a shared one would flag another organization as a likely duplicate.
    await page.getByLabel('担当者のメール').fill(`hanako@bunmen${Date.now()}.example`);
    await expectFieldError(page, '担当者のメール', null);
    await expectFieldError(page, '件名', '1〜200文字で入力してください');
    await subject.fill('回線の相談');
    await expectFieldError(page, '件名', null);
    await page.getByRole('button', { name: /^登録/ }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  });

  it('shows desks, prefectures, industries and the SME verdict by name, never by code', async () => {
    const { page } = s;
    await signIn(page, 'kanto@example.jp');
    const created = await newCase(page, {
      subject: `名前表示${Date.now()}`,
      organization: {
        name: `名前表示商店${Date.now()}`,
        prefectureCode: '13',
        industryCode: 'I',
        employees: 500,
        capitalYen: 900_000_000,
      },
    });
    await page.goto(`/cases/${created.id}`);
    await page.getByRole('heading', { name: created.subject }).waitFor();
    const main = page.locator('main');
    await main.getByText('東京都').first().waitFor();
    const caseText = (await main.textContent()) ?? '';
    expect(caseText).toContain('卸売業,小売業');
    expect(caseText).toContain('関東窓口');
    expect(caseText).not.toMatch(/\bkanto\b|\bnon-SME\b|\bSME\b|13 · I/);
    // The header says the person's desk by name.
    const header = (await page.locator('header').textContent()) ?? '';
    expect(header).not.toMatch(/\bkanto\b/);
    expect(header).toContain('関東窓口');

    await page.goto('/cases');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    const listCells = await page
      .getByRole('table', { name: '案件一覧' })
      .locator('td')
      .allTextContents();
    expect(listCells.filter((cell) => DESK_IDS.test(cell))).toEqual([]);

    // An admin picks desks by name.
    await s.context.clearCookies();
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/users');
    const users = page.locator('main');
    await users.getByRole('table').waitFor();
    const userCells = await users.getByRole('table').locator('td').allTextContents();
    expect(userCells.filter((cell) => DESK_IDS.test(cell))).toEqual([]);
    await page.goto('/admin/tokens');
    await page.getByRole('textbox', { name: '窓口' }).click();
    await page.getByRole('option', { name: '関東窓口' }).waitFor();
    expect(await page.getByRole('option', { name: 'kanto' }).count()).toBe(0);
  });

  it('shows follow-up dates in the console’s own format', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `日付表示${Date.now()}` });
    await apiPost(page, `/api/cases/${created.id}/follow-ups`, {
      dueDate: '2031-11-26',
      note: '日付の表示',
    });
    await page.goto(`/cases/${created.id}`);
    await page.getByText('2031年11月26日').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('2031-11-26');
  });

  it('fits the English case list in 1366 px without scrolling sideways', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'manager@example.jp');
    await page.getByText('English').click();
    await page.goto('/cases');
    await page.getByRole('table', { name: 'Cases' }).waitFor();
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: Array.from(document.querySelectorAll('main table')).map(
        (t) => (t.parentElement?.scrollWidth ?? 0) - (t.parentElement?.clientWidth ?? 0),
      ),
    }));
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(Math.max(0, ...overflow.table)).toBeLessThanOrEqual(0);
  });
});
