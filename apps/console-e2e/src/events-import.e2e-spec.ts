import type { Schemas } from '@madoguchi/api-client';
import type { Locator } from 'playwright-core';
import { apiPost, newSeminar } from './support/api';
import { type BrowserSession, a11yViolations, openBrowser, signIn } from './support/browser';

/**
 * A list as the page documents it (UTF-8 with a BOM, the headers on the first line): a new
 * organization, a person already on file under another spelling of the company, and a row whose
 * phone number cannot be a Japanese one.
 */
const attendeeList = (stamp: number): Buffer =>
  Buffer.from(
    '\uFEFF' +
      [
        '会社名,氏名,フリガナ,電話番号,メールアドレス',
        `取込新規商事${stamp},山田 太郎,ヤマダ タロウ,,taro@n${stamp}.example.jp`,
        `照合${stamp},佐藤 花子,サトウ ハナコ,,hanako@m${stamp}.example.jp`,
        `電話不正工業${stamp},鈴木 次郎,スズキ ジロウ,03-1234,jiro@p${stamp}.example.jp`,
      ].join('\r\n'),
    'utf8',
  );

/** Each row's cells as the user reads them, so the assertions name what the table shows. */
const cellsOf = (table: Locator): Promise<string[][]> =>
  table
    .getByTestId('import-row')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.innerText.trim())),
    );

describe('the attendee import page', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('previews a UTF-8 list row by row, imports it and registers the accepted attendees once', async () => {
    const { page } = s;
    const stamp = Date.now();
    const title = `名簿取り込みセミナー${stamp}`;
    await signIn(page, 'operator@example.jp');
    const event = await newSeminar(page, {
      title,
      venue: '大阪商工会議所 会議室',
      capacity: 30,
      organizerKind: 'mhlw',
    });
    // On file: the organization and its contact, whose address the list's second row carries.
    const onFile = await apiPost<{ id: string; name: string }>(page, '/api/organizations', {
      name: `照合テスト商事${stamp}`,
    });
    await apiPost(page, `/api/organizations/${onFile.id}/contacts`, {
      name: '佐藤 花子',
      email: `hanako@m${stamp}.example.jp`,
    });

    await page.goto(`/events/${event.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByRole('link', { name: '参加者名簿を取り込む' }).click();
    await page.getByRole('heading', { name: '参加者名簿の取り込み', level: 2 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'attendees-utf8.csv',
      mimeType: 'text/csv',
      buffer: attendeeList(stamp),
    });

    const preview = page.getByRole('table', { name: 'プレビュー(まだ保存しません)' });
    await preview.waitFor();
    await page.getByText('全3行: 新規 1 / 既存と照合 1 / 取り込めない 1').waitFor();
    expect(await cellsOf(preview)).toEqual([
      ['2', '新規登録', `取込新規商事${stamp}`, '山田 太郎', `taro@n${stamp}.example.jp`, '', ''],
      [
        '3',
        '既存と照合',
        `照合${stamp}`,
        '佐藤 花子',
        `hanako@m${stamp}.example.jp`,
        `照合テスト商事${stamp}(メールアドレス)`,
        '',
      ],
      [
        '4',
        '取り込めない',
        `電話不正工業${stamp}`,
        '鈴木 次郎',
        `jiro@p${stamp}.example.jp`,
        '',
        '電話番号が正しくありません',
      ],
    ]);
    // Only a preview so far: nobody is registered yet.
    const before = await page.request.get(`/api/events/${event.id}/registrations`);
    expect(((await before.json()) as Schemas['RegistrationListDto']).items).toEqual([]);

    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.locator('.mantine-Notifications-root').getByText('2行を取り込みました。').waitFor();
    await page.getByRole('button', { name: 'この内容で取り込む' }).waitFor({ state: 'detached' });
    const outcome = page.getByRole('table', { name: 'プレビュー(まだ保存しません)' });
    expect((await cellsOf(outcome)).map((row) => row.slice(0, 2))).toEqual([
      ['2', '新規登録'],
      ['3', '既存と照合'],
      ['4', '取り込めない'],
    ]);
    await page
      .getByTestId('import-totals')
      .getByText('全3行: 新規 1 / 既存と照合 1 / 取り込めない 1')
      .waitFor();
    await page.getByRole('button', { name: '取り込めなかった行をCSVで保存' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    // Registered: the new organization, and the one on file for the matched address.
    const after = await page.request.get(`/api/events/${event.id}/registrations`);
    const registered = ((await after.json()) as Schemas['RegistrationListDto']).items;
    expect(
      registered
        .map((r) => ({ name: r.name, status: r.status, source: r.source }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: '佐藤 花子', status: 'registered', source: 'import' },
      { name: '山田 太郎', status: 'registered', source: 'import' },
    ]);
    expect(registered.find((r) => r.name === '佐藤 花子')?.organizationId).toBe(onFile.id);

    await page.getByRole('link', { name: 'イベントに戻る' }).last().click();
    const registrations = page.getByRole('table', { name: '参加登録' });
    await registrations
      .getByRole('row')
      .filter({ hasText: '山田 太郎' })
      .getByRole('link', { name: `取込新規商事${stamp}` })
      .waitFor();
    await registrations
      .getByRole('row')
      .filter({ hasText: '佐藤 花子' })
      .getByRole('link', { name: `照合テスト商事${stamp}` })
      .waitFor();
    expect(await registrations.getByTestId('registration').count()).toBe(2);

    // The same list again registers nobody twice: each accepted row is now refused.
    await page.getByRole('link', { name: '参加者名簿を取り込む' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'attendees-again.csv',
      mimeType: 'text/csv',
      buffer: attendeeList(stamp),
    });
    await page.getByText('全3行: 新規 0 / 既存と照合 0 / 取り込めない 3').waitFor();
    expect((await cellsOf(preview)).map((row) => row[6])).toEqual([
      'このイベントに登録済みです',
      'このイベントに登録済みです',
      '電話番号が正しくありません',
    ]);
    expect(await page.getByRole('button', { name: 'この内容で取り込む' }).isDisabled()).toBe(true);
  }, 120_000);
});
