import { fillTimeVerdict } from '@madoguchi/domain';
import { Inject, Injectable } from '@nestjs/common';
import type * as AltchaLib from 'altcha-lib' with { 'resolution-mode': 'import' };
import type * as AltchaPbkdf2 from 'altcha-lib/algorithms/pbkdf2' with {
  'resolution-mode': 'import',
};
import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { safeEqual } from '../../common/auth/secrets';
import { SETTINGS, type Settings } from '../../config/settings';
import { PublicInquiriesRepository } from './public-inquiries.repository';

// altcha-lib ships CommonJS builds beside its ES modules, but its type declarations are only the
// ES ones, which TypeScript will not let a CommonJS module import; the types come from there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createChallenge, randomInt, verifySolution } = require('altcha-lib') as typeof AltchaLib;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveKey } = require('altcha-lib/algorithms/pbkdf2') as typeof AltchaPbkdf2;
type Challenge = AltchaLib.Challenge;

/** How long a challenge may be solved and posted: a few minutes, then it is refused. */
export const CHALLENGE_TTL_SECONDS = 300;
const ALGORITHM = 'PBKDF2/SHA-256';

/** What a refusal was for: logged for the operator, never told to the submitter. */
export type RefusalReason =
  | 'honeypot'
  | 'form_token_invalid'
  | 'too_fast'
  | 'form_expired'
  | 'challenge_missing'
  | 'challenge_invalid'
  | 'challenge_replayed';

export type PowVerdict = { ok: true; challengeId: string; expiresAt: Date } | { ok: false };

const derive = (appSecret: string, purpose: string): string =>
  createHmac('sha256', appSecret).update(`madoguchi:public-inquiry:${purpose}:v1`).digest('hex');

/**
 * The form's defences that need no third party: a signed start time (minimum fill time), an
 * ALTCHA proof of work signed with a key derived from APP_SECRET and good once, and the
 * honeypot. Every check answers only yes or no; the reason stays on the server.
 */
@Injectable()
export class SubmissionShieldService {
  private readonly challengeSecret: string;
  private readonly keySecret: string;
  private readonly formSecret: string;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: PublicInquiriesRepository,
  ) {
    this.challengeSecret = derive(settings.appSecret, 'altcha-challenge');
    this.keySecret = derive(settings.appSecret, 'altcha-key');
    this.formSecret = derive(settings.appSecret, 'form-token');
  }

  /**
   * A challenge whose answer the server knows from its own signed key (deterministic mode), so
   * checking a solution costs one key derivation, not a search.
   */
  async challenge(): Promise<Challenge> {
    const { powCost, powMaxCounter } = this.settings.publicInquiry;
    return createChallenge({
      algorithm: ALGORITHM,
      cost: powCost,
      counter: randomInt(powMaxCounter, Math.max(1, Math.floor(powMaxCounter / 2))),
      deriveKey,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
      hmacSignatureSecret: this.challengeSecret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /** A solved challenge from the `altcha` field: valid, unexpired, and signed by us. */
  async verifyPow(payload: string): Promise<PowVerdict> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return { ok: false };
    }
    const candidate = parsed as Partial<{ challenge: Challenge; solution: unknown }>;
    const parameters = candidate?.challenge?.parameters;
    if (
      !candidate?.challenge ||
      typeof candidate.solution !== 'object' ||
      candidate.solution === null ||
      !parameters ||
      parameters.algorithm !== ALGORITHM ||
      typeof parameters.nonce !== 'string' ||
      typeof parameters.expiresAt !== 'number'
    ) {
      return { ok: false };
    }
    try {
      const result = await verifySolution({
        challenge: candidate.challenge,
        solution: candidate.solution as Parameters<typeof verifySolution>[0]['solution'],
        deriveKey,
        hmacSignatureSecret: this.challengeSecret,
        hmacKeySignatureSecret: this.keySecret,
      });
      if (!result.verified) {
        return { ok: false };
      }
    } catch {
      return { ok: false };
    }
    return {
      ok: true,
      challengeId: parameters.nonce,
      expiresAt: new Date(parameters.expiresAt * 1000),
    };
  }

  /** Spends a verified challenge in the submission's transaction; false for a replay. */
  spend(db: EntityManager, verdict: { challengeId: string; expiresAt: Date }): Promise<boolean> {
    return this.repository.spendChallenge(db, verdict.challengeId, verdict.expiresAt);
  }

  /** The hidden field that says when the form was served, signed so it cannot be made up. */
  formToken(now = Date.now()): string {
    return `${now}.${this.sign(String(now))}`;
  }

  /** null when the token is good and the form took a person's time to fill in. */
  checkFormToken(token: string, now = Date.now()): RefusalReason | null {
    const [issued, signature] = token.split('.');
    if (!issued || !signature || !/^\d{10,16}$/.test(issued)) {
      return 'form_token_invalid';
    }
    if (!safeEqual(signature, this.sign(issued))) {
      return 'form_token_invalid';
    }
    switch (fillTimeVerdict(Number(issued), now, this.settings.publicInquiry.minFillSeconds)) {
      case 'too_fast':
        return 'too_fast';
      case 'expired':
        return 'form_expired';
      case 'ok':
        return null;
    }
  }

  /**
   * The token for a form shown again after an error: the posted one while it is genuine and
   * fresh (the person's time filling it in still counts: fixing one field takes seconds), else
   * a new one.
   */
  tokenForRetry(posted: unknown, now = Date.now()): string {
    if (typeof posted === 'string') {
      const problem = this.checkFormToken(posted, now);
      if (problem === null || problem === 'too_fast') {
        return posted;
      }
    }
    return this.formToken(now);
  }

  private sign(value: string): string {
    return createHmac('sha256', this.formSecret).update(value).digest('base64url');
  }
}
