import type { EntityManager } from 'typeorm';
import { encryptSecret, sha256 } from '../common/auth/secrets';

/**
 * The demo's one survey link, fixed so that a tour (and the browser test) can open it:
 * /survey/<this>. Demo data only, like the demo password; a real survey's token is random.
 */
export const DEMO_SURVEY_TOKEN = 'demo-survey-link-for-the-console-tour';

const DAY_MS = 86_400_000;

/**
 * A satisfaction survey sent two days ago for the latest completed demo session whose contact
 * may be mailed, not yet answered. Loaded once (skipped when any survey exists).
 */
export async function seedDemoSurvey(
  db: EntityManager,
  appSecret: string,
  now = new Date(),
): Promise<void> {
  const [existing] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM satisfaction_survey`,
  );
  if ((existing?.n ?? 0) > 0) {
    return;
  }
  const invited = new Date(now.getTime() - 2 * DAY_MS);
  await db.query(
    `INSERT INTO satisfaction_survey (session_id, case_id, contact_id, token_sha256, token_sealed, invited_at, expires_at)
     SELECT s.id, s.case_id, ct.id, $1, $2, $3, $3::timestamptz + interval '30 days'
       FROM expert_session s
       JOIN "case" c ON c.id = s.case_id
       JOIN contact ct ON ct.id = c.contact_id
      WHERE s.status = 'completed' AND ct.email IS NOT NULL AND ct.contact_consent
      ORDER BY lower(s.scheduled) DESC LIMIT 1`,
    [
      sha256(DEMO_SURVEY_TOKEN).toString('hex'),
      encryptSecret(DEMO_SURVEY_TOKEN, appSecret),
      invited,
    ],
  );
}
