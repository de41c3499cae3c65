import type { Schemas } from '@madoguchi/api-client';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { apiPost } from './support/api';
import { startSmtp } from './support/smtp';

describe('replying by email from the case page', () => {
  let admin: BrowserSession;
  let operator: BrowserSession;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    admin = await openBrowser();
    operator = await openBrowser();
  });
  afterEach(async () => {
    await admin.close();
    await operator.close();
  });

  it('writes a reply from a template with the signature and the quoted mail, guards the unsent text, and sends it', async () => {
    const stamp = Date.now();
    await signIn(admin.page, 'admin@example.jp');
    const mailbox = await apiPost<Schemas['MailboxDto']>(admin.page, '/api/mailboxes', {
      deskId: 'national',
      address: `reply-${stamp}@madoguchi.example.jp`,
      displayName: 'テレワーク相談センター',
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpTls: false,
      signature: 'テレワーク相談センター\n電話 0120-000-000',
    });
    const { token } = await apiPost<Schemas['CreatedApiTokenDto']>(admin.page, '/api/api-tokens', {
      name: `MTA ${stamp}`,
      role: 'operator',
      scopes: ['mail_ingest'],
    });
    const raw = [
      'From: "中村 さくら" <nakamura@reply-e2e.example.jp>',
      `To: reply-${stamp}@madoguchi.example.jp`,
      `Subject: =?UTF-8?B?${Buffer.from('就業規則の変更について').toString('base64')}?=`,
      'Date: Sat, 05 Dec 2026 10:00:00 +0900',
      `Message-ID: <browser-${stamp}@reply-e2e.example.jp>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'テレワーク導入に合わせて就業規則を変える必要はありますか。',
      '',
    ].join('\r\n');
    const delivered = await admin.page.request.post(`/api/mailboxes/${mailbox.id}/messages`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
      data: Buffer.from(raw),
    });
    expect(delivered.status()).toBe(201);
    const result = (await delivered.json()) as Schemas['IngestResultDto'];

    const { page } = operator;
    await signIn(page, 'operator@example.jp');
    await page.goto(`/cases/${result.caseId}`);
    const mail = page.getByRole('region', { name: 'メール' });
    await mail.getByRole('button', { name: 'メールで返信' }).click();
    const composer = page.getByRole('form', { name: '返信を作成' });
    await composer.waitFor();
    expect(await composer.getByLabel('宛先').inputValue()).toBe('nakamura@reply-e2e.example.jp');
    expect(await composer.getByLabel('件名').inputValue()).toBe('Re: 就業規則の変更について');
    const body = composer.getByLabel('本文');
    expect(await body.inputValue()).toContain('中村 さくら 様');
    expect(await body.inputValue()).toContain('電話 0120-000-000');
    expect(await body.inputValue()).toContain(
      '> テレワーク導入に合わせて就業規則を変える必要はありますか。',
    );

    await composer.getByLabel('テンプレート').click();
    await page.getByRole('option', { name: 'お問い合わせへの回答' }).click();
    expect(await body.inputValue()).toContain(`受付番号 ${result.caseNumber}`);
    await composer.getByLabel('CC').fill('jinji@reply-e2e.example.jp');
    await body.fill(
      `${await body.inputValue()}`.replace(
        '以下のとおりご回答いたします。\n',
        '以下のとおりご回答いたします。\n就業場所の定めを見直してください。\n',
      ),
    );
    expect(await a11yViolations(page)).toEqual([]);
    await screenshot(page, 'case-reply-composer');

    // Leaving with the reply unsent asks first; staying keeps every word.
    await page.getByRole('link', { name: 'ホーム' }).first().click();
    const ask = page.getByRole('dialog', { name: '書きかけの返信を破棄しますか' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '返信に戻る' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`/cases/${result.caseId}`);
    expect(await body.inputValue()).toContain('就業場所の定めを見直してください。');
    // The tab going away is asked about by the browser, and a reload brings the reply back.
    const prevented = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(prevented).toBe(true);
    await page.reload();
    await composer.getByText('送信していない返信を復元しました').waitFor();
    expect(await body.inputValue()).toContain('就業場所の定めを見直してください。');
    expect(await composer.getByLabel('CC').inputValue()).toBe('jinji@reply-e2e.example.jp');

    // Files are picked again after a reload (they are not part of the draft).
    await composer.locator('input[type="file"]').setInputFiles({
      name: 'ひな形.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await composer.getByText('ひな形.pdf').waitFor();
    await composer.getByRole('button', { name: '送信' }).click();
    await composer.waitFor({ state: 'detached' });
    const sent = mail.getByRole('article', {
      name: `[#${result.caseNumber}] Re: 就業規則の変更について`,
    });
    await sent.waitFor();
    await sent.getByText('CC: jinji@reply-e2e.example.jp').waitFor();
    await sent.getByRole('link', { name: 'ひな形.pdf' }).waitFor();
    // Once the server took it, the "waiting" badge goes away by itself.
    await sent.getByText('送信待ち').waitFor({ state: 'detached', timeout: 15_000 });
    const out = smtp.received.find((m) => m.includes(`browser-${stamp}@reply-e2e.example.jp`));
    expect(out).toBeDefined();
    expect(out).toMatch(
      new RegExp(`^In-Reply-To: <browser-${stamp}@reply-e2e\\.example\\.jp>`, 'm'),
    );
    expect(out).toMatch(/^Cc: jinji@reply-e2e\.example\.jp/m);
    expect(out).toMatch(/^Content-Type: application\/pdf/m);

    // Nothing unsent is left: leaving no longer asks, and no draft comes back.
    await page.getByRole('link', { name: 'ホーム' }).first().click();
    await page.waitForURL((url) => !url.pathname.startsWith('/cases/'));
    await page.goto(`/cases/${result.caseId}`);
    await mail.getByRole('button', { name: 'メールで返信' }).waitFor();
    expect(await composer.count()).toBe(0);
  });
});
