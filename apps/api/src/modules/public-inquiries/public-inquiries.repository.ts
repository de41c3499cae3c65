import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type NewPublicInquiry = Omit<
  Row<
    'public_inquiry',
    | 'case_id'
    | 'appended'
    | 'language'
    | 'consent_version'
    | 'consent_text'
    | 'consent_text_sha256'
    | 'proof_of_work'
    | 'preferred_channel'
    | 'preferred_times'
    | 'email_message_key'
    | 'phone_message_key'
  >,
  'appended' | 'preferred_times'
> & { appended: boolean; preferred_times: string };

export interface RateVerdict {
  /** Seconds until the limit that was reached lets another submission in; null: allowed. */
  retryAfterSeconds: number | null;
}

/**
 * The only SQL on public_inquiry, public_challenge_spent and public_submission_attempt. Counting
 * happens in PostgreSQL so the limits and the one-time challenges hold across API instances.
 */
@Injectable()
export class PublicInquiriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records one submission attempt and says whether it is over the per-address or the global
   * limit of the window. Every attempt counts, good or bad: a flood of junk must hit the limit.
   * The old attempts are swept by the same statement, a few at a time.
   */
  async countAttempt(
    ip: string | null,
    limits: { maxPerIp: number; maxGlobal: number; windowMinutes: number },
  ): Promise<RateVerdict> {
    const [row] = await this.dataSource.query<
      { ip_until: Date | null; global_until: Date | null }[]
    >(
      `WITH swept AS (
         DELETE FROM public_submission_attempt WHERE id IN (
           SELECT id FROM public_submission_attempt
            WHERE at < now() - make_interval(mins => $2) ORDER BY at LIMIT 100)
       ), added AS (
         INSERT INTO public_submission_attempt (ip) VALUES ($1::inet) RETURNING id
       ), window_start AS (SELECT now() - make_interval(mins => $2) AS t)
       SELECT
         (SELECT at + make_interval(mins => $2) FROM public_submission_attempt, window_start
           WHERE $1::inet IS NOT NULL AND ip = $1::inet AND at > window_start.t
           ORDER BY at DESC OFFSET $3 - 1 LIMIT 1) AS ip_until,
         (SELECT at + make_interval(mins => $2) FROM public_submission_attempt, window_start
           WHERE at > window_start.t ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS global_until
        FROM (SELECT count(*) FROM added) AS inserted`,
      [ip, limits.windowMinutes, limits.maxPerIp, limits.maxGlobal],
    );
    // The statement's own insert is not visible to its subqueries (one snapshot): the n-th most
    // recent earlier attempt inside the window means this one is the (n+1)-th, over the limit.
    const until = [row?.ip_until, row?.global_until].filter((d): d is Date => d instanceof Date);
    if (until.length === 0) {
      return { retryAfterSeconds: null };
    }
    const latest = Math.max(...until.map((d) => d.getTime()));
    return { retryAfterSeconds: Math.max(1, Math.ceil((latest - Date.now()) / 1000)) };
  }

  /**
   * Seconds until another submission without proof of work may be accepted, when `max` of them
   * were accepted within the window; null while there is room.
   */
  async unverifiedRetryAfter(max: number, windowMinutes: number): Promise<number | null> {
    if (max === 0) {
      return windowMinutes * 60;
    }
    const [row] = await this.dataSource.query<{ until: Date }[]>(
      `SELECT submitted_at + make_interval(mins => $2) AS until FROM public_inquiry
        WHERE NOT proof_of_work AND submitted_at > now() - make_interval(mins => $2)
        ORDER BY submitted_at DESC OFFSET $1 - 1 LIMIT 1`,
      [max, windowMinutes],
    );
    return row ? Math.max(1, Math.ceil((row.until.getTime() - Date.now()) / 1000)) : null;
  }

  /** Marks a solved challenge as used; false when it already was (a replay). */
  async spendChallenge(db: EntityManager, challengeId: string, expiresAt: Date): Promise<boolean> {
    await db.query(
      `DELETE FROM public_challenge_spent WHERE challenge_id IN (
         SELECT challenge_id FROM public_challenge_spent WHERE expires_at < now() - interval '1 hour' LIMIT 100)`,
    );
    const rows = await db.query<{ challenge_id: string }[]>(
      `INSERT INTO public_challenge_spent (challenge_id, expires_at) VALUES ($1, $2)
       ON CONFLICT (challenge_id) DO NOTHING RETURNING challenge_id`,
      [challengeId, expiresAt],
    );
    return rows.length === 1;
  }

  /**
   * The first case of the same message from the same email address or phone within the hour.
   * Takes transaction-scoped locks on the keys first, so two identical submissions racing each
   * other end on one case.
   */
  async firstCaseOfSameMessage(
    db: EntityManager,
    keys: { email: string | null; phone: string | null },
  ): Promise<string | null> {
    const lockKeys = [keys.email, keys.phone].filter((k): k is string => k !== null).sort();
    if (lockKeys.length === 0) {
      return null;
    }
    await db.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('public-inquiry:' || k, 0)))
         FROM unnest($1::text[]) AS u(k)`,
      [lockKeys],
    );
    const [row] = await db.query<Row<'public_inquiry', 'case_id'>[]>(
      `SELECT case_id FROM public_inquiry
        WHERE NOT appended AND submitted_at > now() - interval '1 hour'
          AND (email_message_key = $1 OR phone_message_key = $2)
        ORDER BY submitted_at LIMIT 1`,
      [keys.email, keys.phone],
    );
    return row?.case_id ?? null;
  }

  async insert(db: EntityManager, inquiry: NewPublicInquiry): Promise<void> {
    await db.query(
      `INSERT INTO public_inquiry (case_id, appended, language, consent_version, consent_text,
         consent_text_sha256, proof_of_work, preferred_channel, preferred_times, email_message_key,
         phone_message_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        inquiry.case_id,
        inquiry.appended,
        inquiry.language,
        inquiry.consent_version,
        inquiry.consent_text,
        inquiry.consent_text_sha256,
        inquiry.proof_of_work,
        inquiry.preferred_channel,
        inquiry.preferred_times,
        inquiry.email_message_key,
        inquiry.phone_message_key,
      ],
    );
  }
}
