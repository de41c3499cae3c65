import { corporateNumberCheckDigit } from '@madoguchi/domain';
import type { Page } from 'playwright-core';
import { csrfToken, newCase } from './support/api';
import { type BrowserSession, openBrowser, a11yViolations, signIn } from './support/browser';

/** A valid corporate number nobody else has: check digit over twelve digits from the clock. */
function uniqueCorporateNumber(): string {
  const base = String((Date.now() * 7) % 1e12).padStart(12, '0');
  return `${corporateNumberCheckDigit(base)}${base}`;
}

const caseOf = (page: Page, id: string) =>
  page.evaluate((caseId) => fetch(`/api/cases/${caseId}`).then((r) => r.json()), id) as Promise<
    Record<string, unknown>
  >;

const timer = (page: Page) => page.getByTestId('call-timer').textContent();

/** Types a new organization's name in the search and takes the "register" option. */
async function newOrganization(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: '組織' }).fill(name);
  await page.getByRole('option', { name: `新規登録: ${name}` }).click();
  await page.getByText('新しい組織', { exact: true }).waitFor();
}

async function pickTopic(page: Page, code: string): Promise<void> {
  await page.getByRole('textbox', { name: '相談分野' }).focus();
  await page.keyboard.type(code);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

async function saved(page: Page): Promise<string> {
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

describe('the phone desk', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('runs the call timer from the moment a phone intake opens, pauses it and saves it', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="call-timer"]')?.textContent === '00:03',
      undefined,
      { timeout: 10_000 },
    );
    await page.getByRole('button', { name: '通話時間を一時停止' }).click();
    const paused = await timer(page);
    await page.waitForTimeout(1_500);
    expect(await timer(page)).toBe(paused);
    await page.getByRole('button', { name: '通話時間を再開' }).click();
    await page.waitForFunction(
      (was) => document.querySelector('[data-testid="call-timer"]')?.textContent !== was,
      paused,
    );
    await newOrganization(page, `通話時間商会${Date.now()}`);
    await pickTopic(page, 'ICT.NET');
    await page.getByLabel('件名').fill('回線の相談');
    await page.keyboard.press('Control+Enter');
    const saved_ = await caseOf(page, await saved(page));
    expect(saved_.callDurationSeconds).toBeGreaterThanOrEqual(4);
    expect(saved_.callDurationSeconds).toBeLessThan(60);
  });

  it("starts every intake from the desk's channel, opens one from anywhere and saves and goes on", async () => {
    const { page } = s;
    // An admin sets the Kinki desk to start from email; its staff member logs a call.
    await signIn(page, 'admin@example.jp');
    const setDesk = async (defaultChannel: string) => {
      const res = await page.request.patch('/api/desks/kinki', {
        headers: { 'x-csrf-token': await csrfToken(page) },
        data: { defaultChannel },
      });
      expect(res.status()).toBe(200);
    };
    await page.goto('/admin/desks?tab=desks');
    await page.getByRole('button', { name: '近畿窓口を編集' }).click();
    await page.getByRole('textbox', { name: '近畿窓口の最初の受付経路' }).click();
    await page.getByRole('option', { name: 'メール' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '近畿窓口を編集' }).waitFor();
    const other = await s.browser.newContext({
      baseURL: new URL(page.url()).origin,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    try {
      const desk = await other.newPage();
      await signIn(desk, 'kinki@example.jp');
      // The menu advertises the key; once it shows, the shell listens for it.
      await desk.locator('nav [aria-keyshortcuts="Alt+N"]').waitFor();

      // A key opens a new intake from anywhere, and it starts from the desk's channel.
      await desk.keyboard.press('Alt+n');
      await desk.waitForURL('**/intake');
      await desk.getByRole('textbox', { name: '組織' }).waitFor();
      // The desk's channel is known once the desks have arrived.
      await desk
        .getByRole('radio', { name: 'メール', checked: true })
        .waitFor({ state: 'attached' });
      await desk.getByText('電話', { exact: true }).click();
      await newOrganization(desk, `次へ商会${Date.now()}`);
      await pickTopic(desk, 'ICT.SEC');
      await desk.getByLabel('件名').fill('保存して次へ');
      await desk.getByRole('button', { name: '保存して次へ' }).click();
      // Still at intake, with a fresh form and the saved case named.
      await desk
        .getByRole('status')
        .getByText(/を保存しました/)
        .waitFor();
      expect(new URL(desk.url()).pathname).toBe('/intake');
      expect(await desk.getByRole('textbox', { name: '組織' }).inputValue()).toBe('');
      expect(await desk.getByLabel('件名').inputValue()).toBe('');
      expect(await desk.getByRole('radio', { name: 'メール' }).isChecked()).toBe(true);
      const link = await desk.getByRole('status').getByRole('link').getAttribute('href');
      const kept = await caseOf(desk, link!.split('/').pop()!);
      expect(kept).toMatchObject({ channel: 'phone', subject: '保存して次へ' });

      // The key works from the case list too, and the shortcut help names it.
      await desk.goto('/cases');
      await desk.getByRole('heading', { name: '案件一覧' }).waitFor();
      await desk.keyboard.press('Alt+n');
      await desk.waitForURL('**/intake');
      await desk.getByRole('button', { name: /ショートカット/ }).click();
      await desk
        .getByRole('dialog')
        .getByText(/Alt\+N/)
        .waitFor();
    } finally {
      await other.close();
      await setDesk('phone');
    }
  });

  it('takes a corporate number typed in the search, a received time and the organization fields', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    const search = page.getByRole('textbox', { name: '組織' });
    await search.waitFor();
    const number = uniqueCorporateNumber();
    await search.fill(number);
    // Thirteen digits are a number to look up, never a name to register.
    await page.getByRole('option', { name: `法人番号 ${number} で探す` }).click();
    expect(await page.getByRole('textbox', { name: '法人番号(13桁)' }).inputValue()).toBe(number);
    await page.getByText('新しい組織', { exact: true }).waitFor();
    const name = page.getByRole('textbox', { name: '組織名' });
    expect(await name.inputValue()).toBe('');
    const orgName = `法人番号新規商会${Date.now()}`;
    await name.fill(orgName);
    await page.getByRole('textbox', { name: '業種' }).click();
    await page.getByRole('option', { name: /^I / }).click();
    await page.getByRole('textbox', { name: '業種の中分類・小分類' }).click();
    await page.getByRole('option', { name: /^50 / }).click();
    await page.getByRole('textbox', { name: '資本金(円)' }).fill('10000000');
    await page.getByRole('textbox', { name: '従業員数' }).fill('40');

    await page.getByText('メール', { exact: true }).click();
    // Received yesterday morning (JST): its SLA runs from then, not from when it was logged.
    const yesterday = new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('受信日時').fill(`${yesterday}T10:15`);
    await pickTopic(page, 'ICT.SEC');
    await page.getByLabel('件名').fill('法人番号から登録');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Control+Enter');
    const c = await caseOf(page, await saved(page));
    expect(c.receivedAt).toBe(new Date(`${yesterday}T10:15:00+09:00`).toISOString());
    const organization = c.organization as { id: string };
    const org = (await page.evaluate(
      (id) => fetch(`/api/organizations/${id}`).then((r) => r.json()),
      organization.id,
    )) as Record<string, unknown>;
    expect(org).toMatchObject({
      name: orgName,
      corporateNumber: number,
      industryCode: 'I',
      industrySubcode: '50',
      capitalYen: 10_000_000,
      employees: 40,
    });
  });

  it('shows the picked organization’s past cases and allowance, its only contact and the only topic', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const name = `過去案件商事${Date.now()}`;
    await newCase(page, {
      subject: '前回の相談: テレワーク規程',
      organization: { name },
      contact: { name: '唯一 担当' },
    });
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).fill(name);
    // The registered one, once the search has found it (not the offer to register the name).
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    const summary = page.getByTestId('organization-summary');
    await summary.getByText('前回の相談: テレワーク規程').waitFor();
    await summary.getByText('無料相談 0 / 3 回').waitFor();
    const contact = page.getByRole('textbox', { name: '既存の担当者' });
    await page.waitForFunction(
      (el) => (el as HTMLInputElement).value === '唯一 担当',
      await contact.elementHandle(),
    );
    // One topic matches: Enter takes it without the arrow keys.
    await page.getByRole('textbox', { name: '相談分野' }).focus();
    await page.keyboard.type('中抜け');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByLabel('件名').fill('二回目の相談');
    await page.keyboard.press('Control+Enter');
    const c = await caseOf(page, await saved(page));
    expect(c.topics).toEqual(['LAB.TIME']);
    expect((c.contact as { name: string }).name).toBe('唯一 担当');
  });

  it('never loses typed work: asks before leaving and restores a draft after a reload', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    await page.getByLabel('件名').fill('書きかけの件名');
    await page.getByLabel('相談内容').fill('途中まで聞いた内容');
    // The tab going away (reload, close, crash) is asked about by the browser…
    const prevented = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(prevented).toBe(true);
    // …and leaving within the console asks first.
    await page.getByRole('navigation').getByRole('link', { name: '案件一覧' }).click();
    const ask = page.getByRole('dialog', { name: '入力中の受付を離れますか' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '受付に戻る' }).click();
    expect(new URL(page.url()).pathname).toBe('/intake');

    // A reload (or a crashed tab) gets the draft back, with a notice.
    await page.waitForTimeout(700);
    await page.reload();
    await page.getByText('保存していない入力を復元しました').waitFor();
    expect(await page.getByLabel('件名').inputValue()).toBe('書きかけの件名');
    expect(await page.getByLabel('相談内容').inputValue()).toBe('途中まで聞いた内容');
    await newOrganization(page, `下書き商会${Date.now()}`);
    await pickTopic(page, 'ICT.SEC');
    await page.keyboard.press('Control+Enter');
    await saved(page);
    // Saved: the draft is gone.
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText('保存していない入力を復元しました').count()).toBe(0);
    expect(await page.getByLabel('件名').inputValue()).toBe('');
  });

  it('shows at least 15 cases at 1366×768, with collapsible filters and saved columns', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'operator@example.jp');
    const tag = `密度${Date.now()}`;
    for (let i = 0; i < 16; i += 1) {
      await newCase(page, {
        subject: `${tag} テレワーク規程の作り方と在宅勤務手当の扱いについて ${i}`,
        organization: { name: `${tag}株式会社テレワーク推進事業部${i}` },
      });
    }
    await page.goto('/cases');
    const table = page.getByRole('table', { name: '案件一覧' });
    await table.getByText(`${tag} テレワーク規程の作り方と在宅勤務手当の扱いについて 15`).waitFor();
    const visible = await page.locator('tbody tr').evaluateAll(
      (rows) =>
        rows.filter((r) => {
          const box = r.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
    );
    expect(visible).toBeGreaterThanOrEqual(15);
    // The received time sits on one line.
    const dateCell = page.locator('tbody tr').first().locator('td').nth(2);
    const lines = await dateCell.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);

    // The filters fold away and open on demand.
    const toggle = page.getByRole('button', { name: '絞り込み' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await page.getByRole('textbox', { name: '都道府県' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // Columns chosen once stay chosen for this person.
    await page.getByRole('button', { name: '表示する列' }).click();
    await page.getByRole('checkbox', { name: '窓口', exact: true }).click();
    await page.keyboard.press('Escape');
    expect(await table.getByRole('columnheader', { name: '窓口' }).count()).toBe(0);
    await page.reload();
    await table.getByText(`${tag} テレワーク規程の作り方と在宅勤務手当の扱いについて 15`).waitFor();
    expect(await table.getByRole('columnheader', { name: '窓口' }).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
  });
});
