import { ApiError } from '@madoguchi/api-client';

/** Maps the API's `details[].field` to form fields, so each message sits under its input. */
export function fieldErrors(error: unknown): Record<string, string> {
  // Some conflicts carry an object in `details` (e.g. duplicate candidates), not field errors.
  if (!(error instanceof ApiError) || !Array.isArray(error.body.details)) {
    return {};
  }
  return Object.fromEntries(error.body.details.map((d) => [d.field, d.message]));
}
