import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { ENV_BASE_URL } from './support/server';

/** Moves the focus with Tab (or Shift+Tab) only, until the element with this id has it. */
async function tabTo(page: Page, id: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    // count() does not wait: before the first Tab nothing has the focus.
    const active = page.locator(':focus');
    const focused = (await active.count()) > 0 ? await active.first().getAttribute('id') : null;
    if (focused === id) {
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached #${id}`);
}

// The server refuses a form posted sooner than PUBLIC_INQUIRY_MIN_FILL_SECONDS (3 s) after it
// was served, as a bot's would be. On a fast machine the keyboard fills it quicker than that:
// wait out the rest, as a person reading the form would take at least as long.
const MIN_FILL_MS = 3_500;
async function afterMinimumFillTime(servedAt: number): Promise<void> {
  const left = servedAt + MIN_FILL_MS - Date.now();
  if (left > 0) {
    await new Promise((resolve) => setTimeout(resolve, left));
  }
}

/** Fills the form in with the keyboard alone, as a person without a mouse would. */
async function fillByKeyboard(page: Page, marker: string): Promise<void> {
  await tabTo(page, 'orgName');
  await page.keyboard.type(`キーボード商事${marker}`);
  await tabTo(page, 'prefectureCode');
  // 13 steps down from "choose one": 東京都.
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await tabTo(page, 'employees');
  await page.keyboard.type('25');
  await tabTo(page, 'contactName');
  await page.keyboard.type('鍵盤 太郎');
  await tabTo(page, 'email');
  await page.keyboard.type(`keyboard.${marker}@web-form.example.jp`);
  // Into the radio group, then the arrows pick: labour → ict → both.
  await tabTo(page, 'topic-labour');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'message');
  await page.keyboard.type(`社内のテレワーク規程とVPNの選び方を相談したい (${marker})`);
  await tabTo(page, 'preferredChannel-email');
  await page.keyboard.press('Space');
  await tabTo(page, 'consent');
  await page.keyboard.press('Space');
  await tabTo(page, 'submit');
}

describe('the public inquiry form', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('is filled in by keyboard only and submitted, the proof of work solved in the page', async () => {
    const { page } = s;
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) {
        blocked.push(message.text());
      }
    });
    await page.goto('/inquiry');
    const servedAt = Date.now();
    await page
      .getByRole('heading', { level: 1, name: 'テレワーク相談 お問い合わせフォーム' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('href')).toBe(
      '/inquiry?lang=en',
    );
    expect(await a11yViolations(page)).toEqual([]);
    await fillByKeyboard(page, String(Date.now()));
    await afterMinimumFillTime(servedAt);
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 1, name: 'お問い合わせを受け付けました' })
      .waitFor({ timeout: 45000 });
    // A screen reader's user lands on the news, not at the top of the page.
    await page.locator('#thanks:focus').waitFor();
    const number = await page.getByTestId('reference-number').textContent();
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    await screenshot(page, 'public-inquiry-received');
    expect(await a11yViolations(page)).toEqual([]);
    // Scripts ran from our origin only: no script was refused by the page's policy.
    expect(blocked.filter((m) => /script/i.test(m))).toEqual([]);
  });

  it('works with JavaScript off, on a phone: a plain form post, errors shown with the values kept', async () => {
    const { browser } = s;
    const context = await browser.newContext({
      baseURL: process.env[ENV_BASE_URL],
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const page = await context.newPage();
    await page.goto('/inquiry?lang=en');
    const servedAt = Date.now();
    await page
      .getByRole('heading', { level: 1, name: 'Telework consultation: inquiry form' })
      .waitFor();
    // Nothing wider than the phone's screen.
    const overflow = await page
      .locator('body')
      .evaluate((body) => body.scrollWidth - body.clientWidth)
      .catch(() => 0);
    expect(overflow).toBeLessThanOrEqual(0);

    const marker = String(Date.now());
    await fillByKeyboard(page, marker);
    // Untick the consent again (Shift+Tab back to it): the server must say what is missing.
    await tabTo(page, 'consent', 'Shift+Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'submit');
    await afterMinimumFillTime(servedAt);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Please check what you entered' }).waitFor();
    expect(
      await page
        .getByRole('textbox', { name: /Organization name/ })
        .first()
        .inputValue(),
    ).toBe(`キーボード商事${marker}`);
    expect(await page.getByRole('textbox', { name: /Your message/ }).inputValue()).toContain(
      marker,
    );
    await page.getByText('Your agreement to the purpose of use is required').first().waitFor();

    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'submit');
    await afterMinimumFillTime(servedAt);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'We have received your inquiry' }).waitFor();
    expect(await page.getByTestId('reference-number').textContent()).toMatch(/^\d{4}-\d{6}$/);
    await screenshot(page, 'public-inquiry-no-js');
    await context.close();
  });
});

// The demo data's one survey link (apps/api/src/seed/demo-survey.ts): a real one is random.
const DEMO_SURVEY = '/survey/demo-survey-link-for-the-console-tour';

describe('the satisfaction survey', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('is answered on a phone by keyboard, and staff then read the answer on the case page', async () => {
    const { browser, page } = s;
    // Staff first: the survey waits in the unanswered list, and can be sent again.
    await signIn(page, 'operator@example.jp');
    await page.goto('/surveys');
    const row = page.getByTestId('unanswered-survey').first();
    await row.waitFor();
    const caseHref = await row.getByRole('link').first().getAttribute('href');
    expect(caseHref).toMatch(/^\/cases\//);
    await row.getByRole('button', { name: '再送' }).click();
    await page.getByText('アンケートを再送しました').waitFor();
    await page.goto(caseHref!);
    await page
      .getByTestId('session-survey')
      .getByText(/未回答\(送付 .*再送 /)
      .waitFor();

    // The contact, on a phone, without a mouse and without the staff session.
    const phone = await browser.newContext({
      baseURL: process.env[ENV_BASE_URL],
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const survey = await phone.newPage();
    await survey.goto(DEMO_SURVEY);
    await survey.getByRole('heading', { level: 1, name: '相談のアンケート' }).waitFor();
    const overflow = await survey
      .locator('body')
      .evaluate((body) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await a11yViolations(survey)).toEqual([]);
    // Into each radio group with Tab, then the arrows choose: 1 → 4, 1 → 5.
    await tabTo(survey, 'overall-1');
    for (let i = 0; i < 3; i++) {
      await survey.keyboard.press('ArrowRight');
    }
    await tabTo(survey, 'usefulness-1');
    for (let i = 0; i < 4; i++) {
      await survey.keyboard.press('ArrowRight');
    }
    await tabTo(survey, 'teleworkIntent-introduce');
    await survey.keyboard.press('Space');
    await tabTo(survey, 'comment');
    await survey.keyboard.type('VPNの選び方がよく分かりました');
    await tabTo(survey, 'submit');
    await survey.keyboard.press('Enter');
    await survey.getByRole('heading', { level: 1, name: 'ご回答ありがとうございました' }).waitFor();
    await screenshot(survey, 'survey-answered-phone');
    await phone.close();

    // Staff see the answer under the session on the case page.
    await page.reload();
    const answer = page.getByTestId('session-survey').filter({ hasText: '満足度 4/5' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('役立ち度 5/5');
    expect(await answer.textContent()).toContain('導入する予定');
    await answer.getByText('VPNの選び方がよく分かりました').waitFor();
    await screenshot(page, 'survey-answer-on-case');

    // And in a manager's reports: the answered survey counts, with its scores.
    await page.context().clearCookies();
    await signIn(page, 'manager@example.jp');
    await page.goto('/reports?period=custom&from=2020-04-01&to=2030-03-31');
    const card = page.locator('section').filter({
      has: page.getByRole('heading', { name: 'アンケート', exact: true }),
    });
    await card.getByText('データ表(クリックで案件一覧へ)').click();
    const total = card.getByRole('row').filter({ hasText: '合計' });
    await total.waitFor();
    expect(await total.textContent()).toContain('4.00');
    await screenshot(page, 'survey-report');
  });
});
