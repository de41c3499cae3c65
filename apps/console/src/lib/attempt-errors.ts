import { useCallback, useState } from 'react';

/** Form values by the API's field path (`subject`, `contact.email`), as compared for changes. */
export type FieldValues = Record<string, unknown>;

const snapshot = (values: FieldValues): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, JSON.stringify(value)]),
  );

/**
 * The errors of the last attempt that still stand: a field whose value has changed since then
 * shows none, so a message goes as the user fixes the field rather than at the next save.
 * Fields without a tracked value keep theirs until the next attempt.
 */
export function standingErrors(
  errors: Record<string, string>,
  attempted: Record<string, string>,
  values: FieldValues,
): Record<string, string> {
  const now = snapshot(values);
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([field]) => !(field in attempted) || attempted[field] === now[field],
    ),
  );
}

/**
 * A form's own checks (which replace the browser's bubbles) and the API's field errors, both
 * tied to the attempt that raised them: `attempt(local)` records the values being saved.
 */
export function useAttemptErrors(values: FieldValues) {
  const [last, setLast] = useState<{
    values: Record<string, string>;
    local: Record<string, string>;
  }>({ values: {}, local: {} });
  const attempt = useCallback(
    (local: Record<string, string>) => setLast({ values: snapshot(values), local }),
    [values],
  );
  const shown = (server: Record<string, string>): Record<string, string> =>
    standingErrors({ ...server, ...last.local }, last.values, values);
  return { attempt, shown };
}
