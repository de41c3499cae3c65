export interface JobError {
  /** One line for the table. */
  message: string;
  /** Everything pg-boss kept (stack included), for whoever digs further; null when nothing more. */
  details: string | null;
}

const unescape = (json: string): string => {
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return json;
  }
};

/**
 * pg-boss stores a failure as a serialized error, `{"name","message","stack"}`, or a thrown
 * value as `{"value": …}`; the API sends it as JSON text cut at 2,000 characters, so a long
 * stack may no longer parse and the message is then picked out of the text.
 */
export function describeJobError(raw: string): JobError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(raw)?.[1];
    return { message: message ? unescape(message) : raw.slice(0, 200), details: raw };
  }
  if (parsed === null || parsed === undefined) {
    return { message: '', details: null };
  }
  if (typeof parsed === 'string' || typeof parsed === 'number' || typeof parsed === 'boolean') {
    return { message: String(parsed), details: null };
  }
  if (typeof parsed !== 'object') {
    return { message: raw, details: null };
  }
  const error = parsed as { name?: unknown; message?: unknown; stack?: unknown; value?: unknown };
  if (typeof error.message === 'string') {
    const name = typeof error.name === 'string' && error.name !== 'Error' ? `${error.name}: ` : '';
    return {
      message: `${name}${error.message}`,
      details: typeof error.stack === 'string' ? error.stack : JSON.stringify(parsed, null, 2),
    };
  }
  if (typeof error.value === 'string') {
    return { message: error.value, details: null };
  }
  return { message: raw.slice(0, 200), details: JSON.stringify(parsed, null, 2) };
}
