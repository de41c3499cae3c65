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

export type NewEventBody = Schemas['CreateOutreachEventDto'];

/**
 * Schedules an outreach event through the API, typed against its DTO: a two-hour seminar two
 * weeks from now, with the title, venue and the rest overridden as given.
 */
export function newSeminar(
  page: Page,
  event: Partial<NewEventBody> & Pick<NewEventBody, 'title' | 'organizerKind'>,
): Promise<Schemas['EventDto']> {
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  return apiPost<Schemas['EventDto']>(page, '/api/events', {
    kind: 'seminar',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    ...event,
  } satisfies NewEventBody);
}
