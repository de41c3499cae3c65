import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ActorContext } from '../../common/auth/actor-context';
import type { FieldError } from '../../common/errors/app-error';
import { flattenValidationErrors } from '../../common/http/validation';
import { SETTINGS, type Settings } from '../../config/settings';
import { PublicInquiriesRepository } from './public-inquiries.repository';
import { type RefusalReason, SubmissionShieldService } from './submission-shield.service';

/** A verified proof of work, to be spent once in the submission's transaction. */
export interface PowPass {
  challengeId: string;
  expiresAt: Date;
}

/** What the gate made of a public submission before any of it is stored. */
export type GateOutcome<T> =
  | { kind: 'passed'; dto: T; pow: PowPass | null }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export interface GateContext {
  actor: ActorContext;
  /** A plain HTML form post (JavaScript may be off); JSON clients must solve the challenge. */
  formPost: boolean;
  /** Names the form in the operator's log ("public inquiry", "event registration"). */
  form: string;
  /**
   * Whether a form post without proof of work may pass (within the unverified limit, which
   * counts the inquiries that passed so: only a form that records it may allow it).
   */
  allowUnverified: boolean;
}

// How many refused addresses an instance remembers; beyond that it forgets them all (bounded memory).
const BLOCK_MEMORY = 10_000;

/**
 * The public forms' shared defences, in order: the rate limits (every attempt counts, across
 * instances, one count for all public forms), the honeypot, the signed fill time, the fields,
 * and the proof of work (a plain form post without one is let through within the unverified
 * limit). The inquiry form and the event registration page both pass through here.
 */
@Injectable()
export class PublicGateService {
  private readonly logger = new Logger(PublicGateService.name);

  /**
   * Addresses the shared (PostgreSQL) count has refused, until when. The count stays the
   * authority across instances; this only spares it the writes of a flood it already refused.
   */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: PublicInquiriesRepository,
    private readonly shield: SubmissionShieldService,
  ) {}

  /** Seconds left on this address's block, if the shared count refused it lately; null if not. */
  blockedSeconds(ip: string | null): number | null {
    const until = this.blockedUntil.get(ip ?? 'unknown') ?? 0;
    const left = until - Date.now();
    return left > 0 ? Math.ceil(left / 1000) : null;
  }

  async screen<T extends { altcha?: string }>(
    raw: unknown,
    dtoClass: ClassConstructor<T>,
    context: GateContext,
  ): Promise<GateOutcome<T>> {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const ip = context.actor.ip ?? 'unknown';
    const blocked = this.blockedSeconds(ip);
    if (blocked !== null) {
      // Already refused by the shared count: answered from memory, no database write per junk
      // request, so a flood costs the staff's database nothing until the block ends.
      return { kind: 'rate_limited', retryAfterSeconds: blocked };
    }
    const rate = await this.repository.countAttempt(context.actor.ip, this.settings.publicInquiry);
    if (rate.retryAfterSeconds !== null) {
      if (this.blockedUntil.size >= BLOCK_MEMORY) {
        this.blockedUntil.clear();
      }
      this.blockedUntil.set(ip, Date.now() + rate.retryAfterSeconds * 1000);
      return { kind: 'rate_limited', retryAfterSeconds: rate.retryAfterSeconds };
    }
    if (typeof body.website === 'string' && body.website.trim() !== '') {
      return this.refuse('honeypot', context);
    }
    const tokenProblem = this.shield.checkFormToken(
      typeof body.formToken === 'string' ? body.formToken : '',
    );
    if (tokenProblem) {
      return this.refuse(tokenProblem, context);
    }
    const dto = plainToInstance(dtoClass, body);
    const errors = flattenValidationErrors(
      await validate(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      }),
    );
    if (errors.length > 0) {
      return { kind: 'invalid', errors };
    }
    // No payload: JavaScript was off (a plain form post) and the widget could not run. Accepted
    // within the unverified limit, and the caller records that it was unverified.
    if (dto.altcha) {
      const verdict = await this.shield.verifyPow(dto.altcha);
      if (!verdict.ok) {
        return this.refuse('challenge_invalid', context);
      }
      return { kind: 'passed', dto, pow: verdict };
    }
    if (!context.formPost || !context.allowUnverified) {
      return this.refuse('challenge_missing', context);
    }
    const { maxUnverified, windowMinutes } = this.settings.publicInquiry;
    const retryAfterSeconds = await this.repository.unverifiedRetryAfter(
      maxUnverified,
      windowMinutes,
    );
    if (retryAfterSeconds !== null) {
      return { kind: 'rate_limited', retryAfterSeconds };
    }
    return { kind: 'passed', dto, pow: null };
  }

  /** A replayed challenge found when spending it: logged like the other refusals. */
  refuse(reason: RefusalReason, context: Pick<GateContext, 'actor' | 'form'>): { kind: 'refused' } {
    // The reason is for the operator only: telling a bot which rule fired would teach it.
    this.logger.log({ reason, requestId: context.actor.requestId }, `${context.form} refused`);
    return { kind: 'refused' };
  }
}
