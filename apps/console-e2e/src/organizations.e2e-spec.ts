import { corporateNumberCheckDigit } from '@madoguchi/domain';
import type { Page } from 'playwright-core';
import { csrfToken } from './support/api';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';

/** A valid corporate number nobody else has: check digit over twelve digits from the clock. */
function uniqueCorporateNumber(): string {
  const base = String(Date.now() % 1e12).padStart(12, '0');
  return `${corporateNumberCheckDigit(base)}${base}`;
}

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, {
    headers: { 'x-csrf-token': await csrfToken(page) },
    data,
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as T;
}

const get = async <T>(page: Page, path: string): Promise<T> =>
  (await (await page.request.get(path)).json()) as T;

/** Fills topic and subject the way intake is worked: keyboard only. */
async function fillCase(page: Page, subject: string): Promise<void> {
  await page.getByRole('textbox', { name: '相談分野' }).focus();
  await page.keyboard.type('LAB.TIME');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByLabel('件名').focus();
  await page.keyboard.type(subject);
}

describe('organizations in the console', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('intake with a typed existing name shows the candidates and picks one by keyboard', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const name = `既存確認商事${Date.now()}`;
    const existing = await post<{ id: string }>(page, '/api/organizations', { name });

    await page.goto('/intake');
    await page.getByRole('textbox', { name: '組織' }).waitFor();
    // The exact name, typed and not picked from the suggestions.
    await page.keyboard.type(name);
    await fillCase(page, '既存の組織からの電話');
    await page.keyboard.press('Control+Enter');

    // Saving does not create a second organization: the new-organization panel opens with
    // the registered one as a candidate.
    await page.getByText('新しい組織', { exact: true }).waitFor();
    const candidates = page.getByTestId('duplicate-warning');
    await candidates.waitFor();
    expect(await candidates.textContent()).toContain(name);
    expect(await candidates.textContent()).toContain('Alt+1');
    expect(page.url()).toMatch(/\/intake$/);

    // Saving again without picking still needs a reason.
    await page.getByLabel('件名').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByText(/候補から選ぶか、別の組織として登録する理由/).waitFor();
    expect(page.url()).toMatch(/\/intake$/);
    await screenshot(page, 'intake-duplicate-candidates');
    expect(await a11yViolations(page)).toEqual([]);

    await page.keyboard.press('Alt+1');
    await page.getByText('新しい組織', { exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: '組織' }).inputValue()).toBe(name);
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    const saved = await get<{ organization: { id: string } }>(page, `/api/cases/${caseId}`);
    expect(saved.organization.id).toBe(existing.id);
    const same = await get<{ items: { name: string }[] }>(
      page,
      `/api/organizations?q=${encodeURIComponent(name)}`,
    );
    expect(same.items.filter((o) => o.name === name)).toHaveLength(1);
  });

  it('intake looks the organization up by its corporate number', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const corporateNumber = uniqueCorporateNumber();
    const name = `法人番号検索商会${Date.now()}`;
    await post(page, '/api/organizations', { name, corporateNumber });

    await page.goto('/intake');
    const field = page.getByRole('textbox', { name: '法人番号(13桁)' });
    await field.waitFor();
    // A wrong check digit is named, not looked up.
    const wrong = `${(Number(corporateNumber[0]) % 9) + 1}${corporateNumber.slice(1)}`;
    await field.fill(wrong);
    await page.getByText('法人番号のチェックデジットが一致しません', { exact: false }).waitFor();
    await field.fill(corporateNumber);
    await page.getByText(`登録済みの「${name}」を選びました`).waitFor();
    expect(await page.getByRole('textbox', { name: '組織' }).inputValue()).toBe(name);
    await page.getByRole('link', { name: new RegExp(`「${name}」の組織ページを開く`) }).waitFor();
  });

  it('the organization page edits a field and a contact', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const name = `組織ページ商店${Date.now()}`;
    const created = await post<{ id: string; organization: { id: string } }>(page, '/api/cases', {
      channel: 'phone',
      organization: { name, prefectureCode: '13', industryCode: 'E', employees: 12 },
      contact: { name: '窓口 花子', phone: '03-5555-0199' },
      topics: ['ICT.SEC'],
      subject: '組織ページから見る案件',
    });
    const organizationId = created.organization.id;

    // Reached from the case page.
    await page.goto(`/cases/${created.id}`);
    await page.getByRole('link', { name }).click();
    await page.waitForURL(`**/organizations/${organizationId}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByTestId('contacts-table').getByText('窓口 花子').waitFor();
    await page
      .getByRole('link', { name: /^\d{4}-\d{6}$/ })
      .first()
      .waitFor();
    expect(await page.getByTestId('sme-verdict').textContent()).toContain('中小企業');

    const employees = page.getByRole('textbox', { name: '従業員数' });
    await employees.fill('340');
    await page.getByRole('textbox', { name: '資本金(円)' }).fill('500000000');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').getByText('保存しました').waitFor();
    await page.getByTestId('sme-verdict').getByText('中小企業ではない').waitFor();
    const after = await get<{ employees: number; capitalYen: number; version: number }>(
      page,
      `/api/organizations/${organizationId}`,
    );
    expect(after).toMatchObject({ employees: 340, capitalYen: 500000000, version: 2 });

    await page.getByRole('button', { name: '窓口 花子を編集' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '役職' }).fill('総務課長');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('contacts-table').getByText('総務課長').waitFor();
    await page.getByRole('button', { name: '担当者を追加' }).click();
    const adding = page.getByRole('dialog');
    await adding.getByRole('textbox', { name: '氏名' }).fill('新任 次郎');
    await adding.getByRole('textbox', { name: 'メール' }).fill('jiro@example.jp');
    await adding.getByRole('button', { name: '保存' }).click();
    await adding.waitFor({ state: 'detached' });
    await page.getByTestId('contacts-table').getByText('jiro@example.jp').waitFor();
    const contacts = await get<{ items: { name: string; title: string | null }[] }>(
      page,
      `/api/organizations/${organizationId}/contacts`,
    );
    expect(contacts.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '窓口 花子', title: '総務課長' }),
        expect.objectContaining({ name: '新任 次郎', title: null }),
      ]),
    );
    await screenshot(page, 'organization');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('global search opens the organization page, where a manager reads its history', async () => {
    const { page, browser } = s;
    await signIn(page, 'operator@example.jp');
    const name = `検索から開く商会${Date.now()}`;
    const org = await post<{ id: string; version: number }>(page, '/api/organizations', { name });
    const patched = await page.request.patch(`/api/organizations/${org.id}`, {
      headers: { 'x-csrf-token': await csrfToken(page) },
      data: { employees: 8, version: org.version },
    });
    expect(patched.status()).toBe(200);

    const manager = await (
      await browser.newContext({
        baseURL: new URL(page.url()).origin,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(manager, 'manager@example.jp');
    await manager.getByRole('button', { name: /^検索/ }).click();
    await manager.getByRole('textbox', { name: /案件番号・組織名/ }).waitFor();
    await manager.keyboard.type(name);
    await manager.getByRole('button', { name: new RegExp(name) }).click();
    await manager.waitForURL(`**/organizations/${org.id}`);
    const history = manager.getByTestId('org-audit');
    await history.getByText('更新').waitFor();
    expect(await history.textContent()).toContain('employees: — → 8');
    // Managers read; only the desks edit.
    expect(await manager.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    expect(await a11yViolations(manager)).toEqual([]);
    await manager.close();
  });

  it('shows an edit conflict on the organization page and reapplies the change', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const org = await post<{ id: string; version: number }>(page, '/api/organizations', {
      name: `競合組織${Date.now()}`,
    });
    await page.goto(`/organizations/${org.id}`);
    await page.getByRole('textbox', { name: '所在地' }).fill('東京都千代田区');
    // Someone else saves first.
    const res = await page.request.patch(`/api/organizations/${org.id}`, {
      headers: { 'x-csrf-token': await csrfToken(page) },
      data: { notes: '別の人のメモ', version: org.version },
    });
    expect(res.status()).toBe(200);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('他のユーザーが先にこの組織を更新しました').waitFor();
    await page.getByRole('button', { name: '自分の変更を再適用' }).click();
    expect(await page.getByRole('textbox', { name: 'メモ' }).inputValue()).toBe('別の人のメモ');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').getByText('保存しました').waitFor();
    const after = await get<{ address: string; notes: string }>(
      page,
      `/api/organizations/${org.id}`,
    );
    expect(after).toMatchObject({ address: '東京都千代田区', notes: '別の人のメモ' });
  });

  it('previews a merge from the likely duplicates and merges with a reason', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const tag = `統合確認${Date.now()}`;
    const survivor = await post<{ id: string }>(page, '/api/organizations', {
      name: `株式会社${tag}`,
    });
    // The duplicate is registered under a name nothing resembles and renamed afterwards, as a
    // record typed differently on another day would be (creating it outright is refused).
    const other = await post<{ id: string; version: number }>(page, '/api/organizations', {
      name: `仮登録-${Math.random().toString(36).slice(2)}`,
    });
    const renamed = await page.request.patch(`/api/organizations/${other.id}`, {
      headers: { 'x-csrf-token': await csrfToken(page) },
      data: { name: `(株)${tag}`, version: other.version },
    });
    expect(renamed.status()).toBe(200);
    const duplicate = await post<{ id: string }>(page, '/api/cases', {
      channel: 'email',
      organization: { id: other.id },
      topics: ['ICT.NET'],
      subject: '重複側の案件',
    });

    await page.goto(`/organizations/${survivor.id}`);
    const duplicates = page.getByTestId('org-duplicates');
    await duplicates.getByText(`(株)${tag}`).waitFor();
    await duplicates.getByRole('link', { name: `(株)${tag}をこの組織に統合…` }).click();
    await page.waitForURL(`**/organizations/${other.id}/merge?into=${survivor.id}`);

    const preview = page.getByTestId('merge-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('案件 1 件');
    await page.getByTestId('merge-allowance-after').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await screenshot(page, 'organization-merge');
    await page
      .getByRole('textbox', { name: '同じ組織だと判断した理由' })
      .fill('同じ法人の表記ゆれ');
    await page.getByRole('button', { name: '統合する' }).click();
    await page.waitForURL(`**/organizations/${survivor.id}`);
    await page
      .getByRole('link', { name: /^\d{4}-\d{6}$/ })
      .first()
      .waitFor();
    const moved = await get<{ organization: { id: string } }>(page, `/api/cases/${duplicate.id}`);
    expect(moved.organization.id).toBe(survivor.id);
  });
});
