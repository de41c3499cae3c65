import type { FieldError } from '../errors/app-error';

/** Deeper JSON than this is no form a person filled in; walking it costs stack and time. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first value no field of this API accepts: a control character PostgreSQL cannot store in
 * text (NUL), in a value or a key, or nesting deeper than MAX_JSON_DEPTH. Named by its dotted
 * path, like the validation pipe's errors, so the 400 says which field.
 */
export function findUnsafeInput(value: unknown, path = '', depth = 0): FieldError | null {
  const field = path || 'body';
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field, message: 'must not contain NUL characters' } : null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  if (depth >= MAX_JSON_DEPTH) {
    return { field, message: `must not be nested more than ${MAX_JSON_DEPTH} levels deep` };
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) {
      return { field: childPath, message: 'must not contain NUL characters in its name' };
    }
    const found = findUnsafeInput(child, childPath, depth + 1);
    if (found) {
      return found;
    }
  }
  return null;
}
