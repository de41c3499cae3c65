import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newSeminar } from './support/api';
import { startSmtp } from './support/smtp';
import { a11yViolations, openBrowser, screenshot, signIn } from './support/browser';
import { type RunningServer, startServer, stopServer } from './support/server';

/** The body of a raw mail as text, whether quoted-printable or base64. */
function textOf(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const body = split < 0 ? '' : raw.slice(split).trim();
  const qp = Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
  const base64 = body
    .split(/\r?\n/)
    .filter((line) => /^[A-Za-z0-9+/=]+$/.test(line))
    .join('');
  return `${qp}\n${base64.length > 40 ? Buffer.from(base64, 'base64').toString('utf8') : ''}`;
}

// The server refuses a form posted sooner than 3 s after it was served (a bot's speed).
const MIN_FILL_MS = 3_500;

describe('the public event registration page', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Its own server, mailing to the sink above (the shared one sends no mail).
    server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    const session = await openBrowser();
    browser = session.browser;
    context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    await smtp.close();
  });

  it('is published from the event page, registered on, confirmed by mail, and cancelled by the link', async () => {
    const stamp = Date.now();
    const title = `公開申し込みセミナー${stamp}`;
    await signIn(page, 'operator@example.jp');
    const event = await newSeminar(page, {
      title,
      venue: '東京商工会議所 会議室',
      capacity: 20,
      organizerKind: 'mic',
      topics: ['LAB.RULES'],
    });
    await page.goto(`/events/${event.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    // The switch follows the saved event: it turns on once the change is saved.
    await page.getByRole('switch', { name: /公開申し込みページを開く/ }).click();
    await page.getByRole('link', { name: '公開申し込みページを表示(新しいタブ)' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    // The public page, as a person outside the staff would open it (no staff cookie).
    const visitor = await (
      await browser.newContext({ baseURL: server.baseUrl, locale: 'ja-JP' })
    ).newPage();
    await visitor.goto(`/event/${event.id}`);
    const servedAt = Date.now();
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await visitor.getByTestId('event-seats').textContent()).toContain('残り20席');
    expect(await a11yViolations(visitor)).toEqual([]);
    const email = `visitor.${stamp}@event-browser.example.jp`;
    await visitor.getByLabel('会社・団体名').fill(`ブラウザ申込商事${stamp}`);
    await visitor.getByLabel('お名前').fill('申込 花子');
    await visitor.getByLabel('フリガナ').fill('モウシコミ ハナコ');
    await visitor.getByLabel('メールアドレス').fill(email);
    await visitor.getByLabel('電話番号').fill('03-5555-0101');
    await visitor.getByLabel('従業員数').fill('25');
    await visitor.getByLabel('所在地(都道府県)').selectOption('13');
    // Without consent: the page's own message, the values kept.
    await new Promise((r) => setTimeout(r, Math.max(0, servedAt + MIN_FILL_MS - Date.now())));
    await visitor.getByRole('button', { name: '申し込む' }).click();
    await visitor.getByText('利用目的への同意が必要です').first().waitFor({ timeout: 45_000 });
    expect(await visitor.getByLabel('メールアドレス').inputValue()).toBe(email);
    await visitor.getByLabel('上記の利用目的に同意します').check();
    await visitor.getByRole('button', { name: '申し込む' }).click();
    await visitor
      .getByRole('heading', { level: 1, name: 'お申し込みを受け付けました' })
      .waitFor({ timeout: 45_000 });
    await screenshot(visitor, 'event-public-registered');
    expect(await a11yViolations(visitor)).toEqual([]);

    // The confirmation mail (the outbox job sends it within a minute or so) carries the link.
    let link: string | null = null;
    for (let i = 0; i < 120 && !link; i++) {
      const raw = smtp.received.find((m) => m.includes(email));
      link = raw ? (/\/event-cancel\/[A-Za-z0-9_-]+/.exec(textOf(raw))?.[0] ?? null) : null;
      if (!link) {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    expect(link).not.toBeNull();
    await visitor.goto(link!);
    await visitor.getByRole('heading', { name: 'お申し込みのキャンセル' }).waitFor();
    expect(await visitor.getByTestId('cancel-registration').textContent()).toContain('申込 花子');
    expect(await a11yViolations(visitor)).toEqual([]);
    await visitor.getByRole('button', { name: 'キャンセルする' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'キャンセルを受け付けました' }).waitFor();
    expect(await a11yViolations(visitor)).toEqual([]);
    // The link is used up.
    await visitor.goto(link!);
    await visitor.getByRole('heading', { level: 1, name: 'キャンセル済みです' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByTestId('event-counts').textContent()).toContain('0 / 20');
  }, 240_000);
});
