import type { Schemas } from '@madoguchi/api-client';
import type { Page } from 'playwright-core';

/** The signed-in page's CSRF token, read as the console reads it. */
export function csrfToken(page: Page): Promise<string> {
  return page.evaluate(() =>
    fetch('/api/auth/me')
      .then((r) => r.json())
      .then((body: { csrfToken: string }) => body.csrfToken),
  );
}

/** A state-changing API call from the signed-in page, with its CSRF token; it must succeed. */
export async function apiPost<T>(page: Page, path: string, data: object): Promise<T> {
  const res = await page.request.post(path, {
    headers: { 'x-csrf-token': await csrfToken(page) },
    data,
  });
  expect([200, 201]).toContain(res.status());
  return (await res.json()) as T;
}

export type IntakeBody = Schemas['IntakeDto'];

/**
 * Logs a case through the API, typed against its IntakeDto so that a change there fails the
 * build here: a phone inquiry about network security from a new organization named after the
 * subject, unless overridden.
 */
export function newCase(
  page: Page,
  intake: Partial<IntakeBody> & Pick<IntakeBody, 'subject'>,
): Promise<Schemas['CaseDto']> {
  return apiPost<Schemas['CaseDto']>(page, '/api/cases', {
    channel: 'phone',
    organization: { name: `${intake.subject}の会社` },
    topics: ['ICT.SEC'],
    ...intake,
  } satisfies IntakeBody);
}
