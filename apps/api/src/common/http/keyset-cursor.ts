import { AppError } from '../errors/app-error';

/** Opaque keyset cursor over (timestamp, uuid): the position after the last row of a page. */
export const encodeCursor = (at: Date, id: string): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // Not base64 JSON: answered below like any other foreign cursor.
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor from a previous page', [
    { field: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}
