import { makeUser, type TestUser } from './factories';
import type { TestApp } from './test-app';

export interface TestExpert {
  /** The expert profile id, which sessions name as expertId. */
  id: string;
  user: TestUser;
}

/** An expert user with a profile, straight in the database (no HTTP, no audit). */
export async function makeExpert(
  t: TestApp,
  overrides: Partial<{
    specialties: string[];
    prefectures: string[];
    capacityPerMonth: number;
    active: boolean;
    qualifications: string[];
  }> = {},
): Promise<TestExpert> {
  const user = await makeUser(t, { role: 'expert', deskId: null });
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO expert_profile (user_id, qualifications, specialties, prefectures, capacity_per_month, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      user.id,
      overrides.qualifications ?? ['it_coordinator'],
      overrides.specialties ?? ['ICT.SEC'],
      overrides.prefectures ?? ['13'],
      overrides.capacityPerMonth ?? 8,
      overrides.active ?? true,
    ],
  );
  return { id: row!.id, user };
}

const HOUR_MS = 3_600_000;
let slot = 0;

/**
 * A distinct future start time for each call (10:00 JST on days further and further ahead), so
 * bookings in one test file never collide on an expert's calendar unless a test means them to.
 */
export function nextFreeStart(): Date {
  slot += 1;
  const day = new Date(Date.now() + (7 + slot) * 24 * HOUR_MS);
  day.setUTCHours(1, 0, 0, 0); // 10:00 JST
  return day;
}

let pastSlot = 0;

/** Moves a session into the past (a different day each time), as if its time had come. */
export async function moveIntoPast(t: TestApp, sessionId: string): Promise<void> {
  pastSlot += 1;
  await t.db.query(
    `UPDATE expert_session
        SET scheduled = tstzrange(now() - $2::int * interval '1 day' - interval '2 hours',
                                  now() - $2::int * interval '1 day' - interval '30 minutes')
      WHERE id = $1`,
    [sessionId, pastSlot],
  );
}
