import iconv from 'iconv-lite';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

// A partner's list as Excel saves it in Japan: Shift_JIS (CP932), Japanese headers, one bad row.
const attendeeList = (stamp: number): Buffer =>
  iconv.encode(
    [
      '会社名,氏名,フリガナ,電話番号,メールアドレス,従業員数,所在地',
      `㈱髙橋ブラウザ商事${stamp},髙橋 一郎,タカハシ イチロウ,03-5999-0101,ichiro@b${stamp}.example.jp,25,東京都港区`,
      `ブラウザ工業${stamp},佐藤 花子,サトウ ハナコ,,hanako@k${stamp}.example.jp,120,大阪府大阪市`,
      `,名無し 三郎,,,not-an-address,,`,
    ].join('\r\n'),
    'cp932',
  );

describe('outreach events in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('creates an event, imports attendees through the preview, marks attendance and opens a case', async () => {
    const { page } = s;
    const stamp = Date.now();
    const title = `テレワーク体験セミナー${stamp}`;
    await signIn(page, 'operator@example.jp');
    await page.getByRole('link', { name: 'イベント・セミナー' }).click();
    await page.getByRole('heading', { name: 'イベント・セミナー' }).waitFor();
    await page.getByRole('link', { name: 'イベントを作成' }).click();

    await page.getByLabel('タイトル').fill(title);
    await page.getByLabel('開催日').fill('2026-11-20');
    await page.getByLabel('開催日').press('Tab');
    await page.getByLabel('会場').fill('商工会議所 会議室');
    await page.getByLabel('定員').fill('30');
    await page.getByRole('textbox', { name: 'テーマ' }).click();
    await page.getByRole('option', { name: '対象者・就業場所・頻度・就業規則' }).click();
    await page.keyboard.press('Escape');
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByRole('heading', { name: title }).waitFor();

    await page.getByRole('link', { name: '参加者名簿を取り込む' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'attendees.csv',
      mimeType: 'text/csv',
      buffer: attendeeList(stamp),
    });
    const preview = page.getByRole('table', { name: 'プレビュー(まだ保存しません)' });
    await preview.waitFor();
    await page.getByText('全3行: 新規 2 / 既存と照合 0 / 取り込めない 1').waitFor();
    await preview.getByText(`㈱髙橋ブラウザ商事${stamp}`).waitFor();
    await preview
      .getByText('会社名がありません / メールアドレスの形式が正しくありません')
      .waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.getByRole('button', { name: '取り込めなかった行をCSVで保存' }).waitFor();
    await page.getByRole('link', { name: 'イベントに戻る' }).first().click();

    const registrations = page.getByRole('table', { name: '参加登録' });
    const takahashi = registrations.getByRole('row').filter({ hasText: '髙橋 一郎' });
    await takahashi.waitFor();
    await takahashi.getByText('出席', { exact: true }).click();
    await page.getByTestId('event-counts').getByText('1', { exact: true }).first().waitFor();
    const sato = registrations.getByRole('row').filter({ hasText: '佐藤 花子' });
    await sato.getByText('欠席', { exact: true }).click();
    expect(await a11yViolations(page)).toEqual([]);

    await takahashi.getByRole('button', { name: '髙橋 一郎 さんの案件を開く' }).click();
    const caseLink = takahashi.getByRole('link', { name: /^\d{4}-\d{6}$/ });
    await caseLink.waitFor();
    await caseLink.click();
    // Stored NFKC-normalized, as every organization name is: ㈱ becomes (株).
    await page.getByRole('heading', { name: `${title}: (株)髙橋ブラウザ商事${stamp}` }).waitFor();
    await page
      .getByText(/· セミナー ·/)
      .first()
      .waitFor();

    // One action from an attendee without a case: the seminar case is opened and its page comes
    // up with the session booking open.
    await page.goBack();
    await sato.getByRole('button', { name: '佐藤 花子 さんの専門家相談を予約' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+\?book=1$/);
    await page.getByRole('dialog', { name: '派遣を予約' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
  }, 150_000);
});
