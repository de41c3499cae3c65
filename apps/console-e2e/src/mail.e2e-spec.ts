import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schemas } from '@madoguchi/api-client';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { apiPost } from './support/api';

const CORPUS = join(__dirname, '../../api/test/fixtures/mail');

describe('email in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('adds a mailbox, and shows the mail an MTA delivered on its case', async () => {
    const { page } = s;
    await signIn(page, 'admin@example.jp');
    const address = `soudan-${Date.now()}@madoguchi.example.jp`;
    await page.goto('/admin/mailboxes');
    await page.getByRole('heading', { name: 'メールボックス', level: 2 }).waitFor();
    await page.getByLabel('メールアドレス').fill(address);
    await page.getByLabel('表示名').fill('テレワーク相談センター');
    await page.getByLabel('IMAPサーバー').fill('imap.example.jp');
    await page.getByLabel('IMAPユーザー').fill('soudan');
    await page.getByLabel('IMAPパスワード').fill('imap-secret');
    await page.getByRole('button', { name: '追加' }).click();
    const row = page.getByRole('row').filter({ hasText: address });
    await row.getByText('パスワード設定済み').waitFor();
    expect(await page.content()).not.toContain('imap-secret');
    expect(await a11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-mailboxes');

    const mailboxes = await page.request.get('/api/mailboxes');
    const mailbox = ((await mailboxes.json()) as Schemas['MailboxListDto']).items.find(
      (m) => m.address === address,
    )!;
    const { token } = await apiPost<Schemas['CreatedApiTokenDto']>(page, '/api/api-tokens', {
      name: `MTA ${address}`,
      role: 'admin',
    });
    const deliver = async (fixture: string): Promise<Schemas['IngestResultDto']> => {
      const res = await page.request.post(`/api/mailboxes/${mailbox.id}/messages`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
        data: readFileSync(join(CORPUS, `${fixture}.eml`)),
      });
      expect(res.status()).toBe(201);
      return (await res.json()) as Schemas['IngestResultDto'];
    };

    const html = await deliver('08-html-only');
    expect(html.action).toBe('created');
    await page.goto(`/cases/${html.caseId}`);
    const mail = page.getByRole('region', { name: 'メール' });
    await mail.getByText('テレワーク規程のひな形はありますか。').waitFor();
    expect(await mail.locator('script, form, img, [onclick]').count()).toBe(0);
    await mail.getByRole('link', { name: 'ポータル' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    const attachments = await deliver('09-attachments');
    await page.goto(`/cases/${attachments.caseId}`);
    const link = page.getByRole('link', { name: '申請書.pdf' });
    await link.waitFor();
    await page.getByText('隔離（実行ファイル）').waitFor();
    // The quarantined executable is listed, never offered as a link.
    expect(await page.getByRole('link', { name: 'invoice.pdf' }).count()).toBe(0);
    const download = await page.request.get((await link.getAttribute('href'))!);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect(await a11yViolations(page)).toEqual([]);
    await screenshot(page, 'case-mail');
  });
});
