import { corporateNumberCheckDigit } from '@madoguchi/domain';
import { apiPost } from './support/api';
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  a11yViolations,
  signIn,
} from './support/browser';

// One of the demo registry's corporations no demo organization has (seed/demo-registry.ts).
const REGISTERED_BASE = '990000000001';
const REGISTERED_NUMBER = `${corporateNumberCheckDigit(REGISTERED_BASE)}${REGISTERED_BASE}`;

describe('the corporate-number registry on the organization page', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('flags a name and address that differ from the registry and copies the registered ones in', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const organization = await apiPost<{ id: string }>(page, '/api/organizations', {
      name: '未来ワークス株式会社',
      corporateNumber: REGISTERED_NUMBER,
      prefectureCode: '13',
      address: '港区芝公園4-2-8',
    });

    await page.goto(`/organizations/${organization.id}`);
    const flag = page.getByTestId('registry-flag');
    await flag.waitFor();
    expect(await flag.textContent()).toContain('商号(名称)が登録と違います');
    expect(await flag.textContent()).toContain('所在地が登録と違います');
    expect(await flag.textContent()).toContain('株式会社みらいワークス');
    await screenshot(page, 'organization-registry-flag');
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'フォームに写す: 登録された商号' }).click();
    await page.getByRole('button', { name: 'フォームに写す: 登録された所在地' }).click();
    expect(await page.getByRole('textbox', { name: '組織名' }).inputValue()).toBe(
      '株式会社みらいワークス',
    );
    expect(await page.getByRole('textbox', { name: '所在地' }).inputValue()).toBe(
      '千代田区霞が関３丁目１－１',
    );

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('registry-matches').waitFor();
    expect(await flag.count()).toBe(0);
  });
});
