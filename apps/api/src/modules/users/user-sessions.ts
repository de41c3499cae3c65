import type { EntityManager } from 'typeorm';

/**
 * Ends a user's sign-in sessions, all but `exceptSessionId` when given. It sits with the user record
 * rather than in auth because disabling a user and resetting a password end them too, and auth
 * (sign-in) is built on users, never the other way round.
 */
export async function revokeSessionsOf(
  db: EntityManager,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const [, affected] = await db.query<[unknown, number]>(
    `UPDATE user_session SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [userId, exceptSessionId ?? null],
  );
  return affected;
}
