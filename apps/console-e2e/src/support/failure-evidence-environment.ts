import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import type { Browser } from 'playwright-core';
import { ARTIFACTS } from './browser';
import { OPEN_BROWSERS } from './open-browsers';

const FAILURES = join(ARTIFACTS, 'failures');
// Enough of the page's outline to say what it showed, short enough for a CI log.
const OUTLINE_CHARS = 2_500;

const fileName = (title: string): string =>
  title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80) || 'unnamed';

/**
 * Node's test environment, plus evidence when a browser test fails. A failure on CI is often
 * seen only as the log it prints, so for every open page this writes the URL and the page's
 * accessible outline to the log, and a full-page screenshot to artifacts/failures/.
 */
export default class FailureEvidenceEnvironment extends TestEnvironment {
  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name === 'test_fn_failure') {
      await this.record(event.test.name);
    } else if (event.name === 'hook_failure') {
      await this.record(`${event.hook.parent.name} ${event.hook.type}`);
    }
  }

  private async record(title: string): Promise<void> {
    const browsers = (this.global[OPEN_BROWSERS] as Set<Browser> | undefined) ?? new Set();
    const pages = [...browsers].flatMap((b) => b.contexts().flatMap((c) => c.pages()));
    mkdirSync(FAILURES, { recursive: true });
    for (const [i, page] of pages.entries()) {
      const path = join(FAILURES, `${fileName(title)}-${i + 1}.png`);
      // Evidence is best effort: a page that is closing must not hide the test's own error.
      // The main region says most (the shell around it rarely changes); a page without one,
      // as a whole.
      const mains = await page
        .locator('main')
        .count()
        .catch(() => 0);
      const region = mains === 1 ? 'main' : 'body';
      const outline = await page
        .locator(region)
        .ariaSnapshot({ timeout: 2_000 })
        .catch((error: Error) => `(no outline: ${error.message.split('\n')[0]})`);
      await page.screenshot({ path, fullPage: true, timeout: 5_000 }).catch(() => undefined);
      process.stderr.write(
        `\n[failure evidence] ${title}\n  page ${i + 1}: ${page.url()}\n  screenshot: ${path}\n` +
          `${outline.slice(0, OUTLINE_CHARS)}${outline.length > OUTLINE_CHARS ? '\n  …' : ''}\n`,
      );
    }
  }
}
