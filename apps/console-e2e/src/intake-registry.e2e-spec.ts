import { corporateNumberCheckDigit } from '@madoguchi/domain';
import {
  type BrowserSession,
  a11yViolations,
  openBrowser,
  screenshot,
  signIn,
} from './support/browser';

// The demo registry's closed corporation that no demo organization has (seed/demo-registry.ts);
// registry.e2e-spec.ts registers the other one as an organization, so this one stays new.
const REGISTERED_BASE = '990000000002';
const REGISTERED_NUMBER = `${corporateNumberCheckDigit(REGISTERED_BASE)}${REGISTERED_BASE}`;

describe('the corporate-number registry at intake', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('offers the registered name, kana and address for a number no organization has yet', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    await page.getByRole('textbox', { name: '法人番号(13桁)' }).fill(REGISTERED_NUMBER);
    await page.getByText('新しい組織', { exact: true }).waitFor();

    const offer = page.getByTestId('intake-registry');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('合同会社ひかり商店');
    expect(await offer.textContent()).toContain('ヒカリショウテン');
    expect(await offer.textContent()).toContain('大阪府大阪市中央区本町１丁目２－３');
    // The registry records it as closed: said before it is registered as a new organization.
    expect(await offer.textContent()).toContain('登記記録が閉鎖されています');
    await screenshot(page, 'intake-registry-offer');
    expect(await a11yViolations(page)).toEqual([]);

    await offer.getByRole('button', { name: '登録内容を新しい組織に写す' }).click();
    expect(await page.getByRole('textbox', { name: '組織名' }).inputValue()).toBe(
      '合同会社ひかり商店',
    );
    expect(await page.getByRole('textbox', { name: 'フリガナ' }).inputValue()).toBe(
      'ヒカリショウテン',
    );
    expect(await page.getByRole('textbox', { name: '所在地' }).inputValue()).toBe(
      '大阪市中央区本町１丁目２－３',
    );
    await offer.getByText('登録内容を写しました').waitFor();
  });

  it('says when the imported data does not have the number', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    await page.goto('/intake');
    const base = String((Date.now() * 11) % 1e12).padStart(12, '0');
    await page
      .getByRole('textbox', { name: '法人番号(13桁)' })
      .fill(`${corporateNumberCheckDigit(base)}${base}`);
    await page.getByTestId('intake-registry-missing').waitFor();
    expect(await page.getByTestId('intake-registry').count()).toBe(0);
  });
});
