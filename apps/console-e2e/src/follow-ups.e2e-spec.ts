import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';
import { newCase } from './support/api';

describe('follow-ups and transfers in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('plans a follow-up on a case and completes it from the desk board', async () => {
    const { page } = s;
    await signIn(page, 'kanto@example.jp');
    const org = `フォロー商店${Date.now()}`;
    const { id } = await newCase(page, {
      topics: ['LAB.RULES'],
      channel: 'walk_in',
      organization: { name: org, prefectureCode: '13' },
      subject: '就業規則の見直し',
    });
    await page.goto(`/cases/${id}`);
    await page.getByText('フォローアップの予定はありません').waitFor();
    await page.getByLabel('何営業日後').fill('0');
    await page.getByLabel('フォローアップの内容').fill('規程案の進み具合を確認');
    await page.getByRole('button', { name: '予定を追加' }).click();
    await page
      .getByRole('table', { name: 'フォローアップ' })
      .getByText('規程案の進み具合を確認')
      .waitFor();

    await page.goto('/follow-ups');
    const card = page.getByTestId('follow-up-card').filter({ hasText: org });
    await card.waitFor();
    await screenshot(page, 'follow-ups', 'docs/screenshots/follow-ups.png');
    expect(await a11yViolations(page)).toEqual([]);
    await card.getByRole('button', { name: '完了を記録' }).click();
    await page.getByLabel('結果のメモ').fill('規程案は完成済み');
    await page.getByRole('dialog').getByRole('button', { name: '完了を記録' }).click();
    await card.waitFor({ state: 'detached' });
    await page.goto(`/cases/${id}`);
    await page.getByText('フォローアップ完了').first().waitFor();
  });

  it('transfers a case to a regional desk, which accepts it from its incoming view', async () => {
    const { page, browser } = s;
    await signIn(page, 'operator@example.jp');
    const subject = `移管テスト${Date.now()}`;
    const { id } = await newCase(page, {
      topics: ['LAB.RULES'],
      channel: 'email',
      organization: { name: `${subject}の会社`, prefectureCode: '27' },
      subject,
    });
    await page.goto(`/cases/${id}`);
    await page.getByRole('button', { name: '他の窓口へ移管' }).click();
    await page.getByRole('textbox', { name: '移管先の窓口' }).click();
    await page.getByRole('option', { name: '近畿窓口' }).click();
    await page.getByLabel('移管の理由').fill('来訪での支援を希望');
    await page.getByRole('button', { name: '移管を依頼' }).click();
    await page.getByTestId('pending-transfer').waitFor();

    const kinki = await (
      await browser.newContext({
        baseURL: new URL(page.url()).origin,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(kinki, 'kinki@example.jp');
    await kinki.goto('/cases?view=incoming');
    await kinki
      .getByRole('link', { name: /\d{4}-\d{6}/ })
      .first()
      .waitFor();
    await kinki.getByRole('cell', { name: subject, exact: true }).click();
    await kinki.getByRole('button', { name: '受け入れる' }).click();
    await kinki.getByTestId('pending-transfer').waitFor({ state: 'detached' });
    await kinki.getByText('移管受入').first().waitFor();
    expect(await a11yViolations(kinki)).toEqual([]);
  });

  it('shows the notification bell with unread notifications', async () => {
    const { page } = s;
    await signIn(page, 'kinki@example.jp');
    const bell = page.getByRole('button', { name: /^通知/ });
    await bell.waitFor();
    await bell.click();
    await page.getByText('通知', { exact: true }).waitFor();
  });
});
