import type { Page } from 'playwright-core';
import { newCase } from './support/api';
import { type BrowserSession, openBrowser, a11yViolations, signIn } from './support/browser';

/** The search box's results once they answer what is typed (not an earlier prefix's). */
const settledResults = (page: Page) =>
  page.locator('[data-testid="search-results"][aria-busy="false"]').waitFor();

describe('the console shell', () => {
  let s: BrowserSession;

  beforeEach(async () => {
    s = await openBrowser();
  });
  afterEach(() => s.close());

  it('finds a case by its number from anywhere with Ctrl+K', async () => {
    const { page } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `検索テスト${Date.now()}` });
    await page.goto('/cases');
    await page.getByRole('table', { name: '案件一覧' }).waitFor();
    // From inside a field too: the list's own search box has the focus.
    await page.getByRole('button', { name: '絞り込み' }).click();
    await page.getByRole('textbox', { name: '検索', exact: true }).click();
    const box = page.getByRole('textbox', { name: /案件番号・組織名/ });
    // The key is listened for once the shell's effects have run, which a loaded machine may
    // do after the table shows: a key pressed before then is lost, so it is pressed again.
    for (let attempt = 1; !(await box.isVisible()); attempt += 1) {
      await page.keyboard.press('Control+K');
      await box.waitFor({ timeout: 2000 }).catch((error: unknown) => {
        if (attempt === 5) {
          throw error;
        }
      });
    }
    await page.keyboard.type(created.number);
    // Typed slowly (a loaded machine), the box once showed an earlier prefix's five cases with
    // this one among them, then swapped them for the final answer between ArrowDown and Enter:
    // Enter picked nothing, or another case. Results now show only once they answer the box.
    await settledResults(page);
    await page.getByRole('button', { name: new RegExp(created.number) }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${created.id}`);
  });

  it('finds contacts by email (only those one may see), ㈱ names and the tail of a case number', async () => {
    const { page, browser } = s;
    const stamp = Date.now();
    const email = `kensaku.${stamp}@kensaku${stamp}.example.jp`;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, {
      subject: `横断検索${stamp}`,
      organization: { name: `株式会社横断${stamp}商事`, prefectureCode: '13' },
      contact: { name: '検索 花子', email },
    });
    const search = async (on: Page, text: string) => {
      // The header's button (the shortcut has its own test above): a key pressed while the
      // next page still settles its focus could land in an input, where shortcuts are off.
      await on.getByRole('button', { name: /^検索/ }).click();
      const box = on.getByRole('textbox', { name: /案件番号・組織名/ });
      await box.waitFor();
      await box.fill(text);
      await settledResults(on);
    };
    await page.goto('/cases');
    await search(page, email.toUpperCase());
    await page.getByRole('button', { name: /検索 花子/ }).waitFor();
    await page.getByRole('button', { name: `株式会社横断${stamp}商事`, exact: true }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: /案件番号・組織名/ }).fill(`㈱横断${stamp}`);
    await settledResults(page);
    await page.getByRole('button', { name: `株式会社横断${stamp}商事`, exact: true }).click();
    await page.waitForURL(`**/organizations/${created.organization.id}`);

    const tail = created.number.slice(-6);
    await search(page, tail);
    await page.getByRole('button', { name: new RegExp(created.number) }).click();
    await page.waitForURL(`**/cases/${created.id}`);

    // The Kinki desk holds no case of this contact: it finds the organization, never the person.
    const kinki = await (
      await browser.newContext({
        baseURL: new URL(page.url()).origin,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(kinki, 'kinki@example.jp');
    await search(kinki, email);
    await kinki.getByRole('button', { name: `株式会社横断${stamp}商事`, exact: true }).waitFor();
    expect(await kinki.getByTestId('search-results').textContent()).not.toContain('検索 花子');
    expect(await kinki.getByTestId('search-results').textContent()).not.toContain(email);
    await kinki.close();
  });

  it('shows who else has the same case open, live', async () => {
    const { page, browser } = s;
    await signIn(page, 'operator@example.jp');
    const created = await newCase(page, { subject: `同時閲覧${Date.now()}` });
    await page.goto(`/cases/${created.id}`);
    const other = await (
      await browser.newContext({
        baseURL: new URL(page.url()).origin,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      })
    ).newPage();
    await signIn(other, 'manager@example.jp');
    await other.goto(`/cases/${created.id}`);
    // The manager sees the operator, and the operator sees the manager, without reloading.
    await other.getByTestId('presence').waitFor();
    await page.getByTestId('presence').waitFor({ timeout: 15000 });
    expect(await page.getByTestId('presence').textContent()).toContain(
      'さんもこの案件を開いています',
    );
    await other.close();
    await page.getByTestId('presence').waitFor({ state: 'detached', timeout: 15000 });
  });
});
