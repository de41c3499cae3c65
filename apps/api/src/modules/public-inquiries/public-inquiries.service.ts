import {
  normalizeInquiryMessage,
  normalizeJapanesePhone,
  topicsOfInquiryChoice,
} from '@madoguchi/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { FieldError } from '../../common/errors/app-error';
import { flattenValidationErrors } from '../../common/http/validation';
import { SETTINGS, type Settings } from '../../config/settings';
import { CasesService } from '../cases/cases.service';
import { CaseTimelineService } from '../cases/case-timeline.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { PublicInquiryDto } from './dto/public-inquiry.dto';
import {
  CONSENT_VERSION,
  consentHash,
  consentText,
  type InquiryLanguage,
  languageOf,
  textsFor,
} from './inquiry-texts';
import { PublicInquiriesRepository } from './public-inquiries.repository';
import { type RefusalReason, SubmissionShieldService } from './submission-shield.service';

/** What became of a submission; the controller answers it as JSON or as the page. */
export type SubmissionOutcome =
  | { kind: 'accepted'; lang: InquiryLanguage; referenceNumber: string; mailed: boolean }
  | { kind: 'invalid'; lang: InquiryLanguage; errors: FieldError[] }
  | { kind: 'refused'; lang: InquiryLanguage }
  | { kind: 'rate_limited'; lang: InquiryLanguage; retryAfterSeconds: number };

export interface SubmissionContext {
  actor: ActorContext;
  /** A plain HTML form post (JavaScript may be off); JSON clients must solve the challenge. */
  formPost: boolean;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * The public inquiry form's intake: the rate limits first (every attempt counts), then the
 * honeypot, the signed fill time, the fields, the proof of work (spent once), and only then a
 * case: a new `web` case through the cases service, or a note on the first case when the same
 * contact sent the same message within the hour.
 */
// How many refused addresses an instance remembers; beyond that it forgets them all (bounded memory).
const BLOCK_MEMORY = 10_000;

@Injectable()
export class PublicInquiriesService {
  private readonly logger = new Logger(PublicInquiriesService.name);

  /**
   * Addresses the shared (PostgreSQL) count has refused, until when. The count stays the
   * authority across instances; this only spares it the writes of a flood it already refused.
   */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: PublicInquiriesRepository,
    private readonly shield: SubmissionShieldService,
    private readonly cases: CasesService,
    private readonly timeline: CaseTimelineService,
    private readonly outbox: MailOutboxService,
  ) {}

  /**
   * Seconds left on this address's block, if the shared count refused it lately; null if not.
   * Read before the body is parsed too (create-app's onRequest hook), so that a flood of JSON
   * posts costs no more than this lookup.
   */
  blockedSeconds(ip: string | null): number | null {
    const until = this.blockedUntil.get(ip ?? 'unknown') ?? 0;
    const left = until - Date.now();
    return left > 0 ? Math.ceil(left / 1000) : null;
  }

  async submit(raw: unknown, context: SubmissionContext): Promise<SubmissionOutcome> {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const lang = languageOf(body.lang);
    const ip = context.actor.ip ?? 'unknown';
    const blocked = this.blockedSeconds(ip);
    if (blocked !== null) {
      // Already refused by the shared count: answered from memory, no database write per junk
      // request, so a flood costs the staff's database nothing until the block ends.
      return { kind: 'rate_limited', lang, retryAfterSeconds: blocked };
    }
    const rate = await this.repository.countAttempt(context.actor.ip, this.settings.publicInquiry);
    if (rate.retryAfterSeconds !== null) {
      if (this.blockedUntil.size >= BLOCK_MEMORY) {
        this.blockedUntil.clear();
      }
      this.blockedUntil.set(ip, Date.now() + rate.retryAfterSeconds * 1000);
      return { kind: 'rate_limited', lang, retryAfterSeconds: rate.retryAfterSeconds };
    }
    const refuse = (reason: RefusalReason): SubmissionOutcome => {
      // The reason is for the operator only: telling a bot which rule fired would teach it.
      this.logger.log({ reason, requestId: context.actor.requestId }, 'public inquiry refused');
      return { kind: 'refused', lang };
    };
    if (typeof body.website === 'string' && body.website.trim() !== '') {
      return refuse('honeypot');
    }
    const tokenProblem = this.shield.checkFormToken(
      typeof body.formToken === 'string' ? body.formToken : '',
    );
    if (tokenProblem) {
      return refuse(tokenProblem);
    }
    const dto = plainToInstance(PublicInquiryDto, body);
    const errors = flattenValidationErrors(
      await validate(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      }),
    );
    if (errors.length > 0) {
      return { kind: 'invalid', lang, errors };
    }
    // No payload: JavaScript was off (a plain form post) and the widget could not run. Accepted,
    // but the case says so for triage; every other rule above still applied.
    let pow: { challengeId: string; expiresAt: Date } | null = null;
    if (dto.altcha) {
      const verdict = await this.shield.verifyPow(dto.altcha);
      if (!verdict.ok) {
        return refuse('challenge_invalid');
      }
      pow = verdict;
    } else if (!context.formPost) {
      return refuse('challenge_missing');
    } else {
      const { maxUnverified, windowMinutes } = this.settings.publicInquiry;
      const retryAfterSeconds = await this.repository.unverifiedRetryAfter(
        maxUnverified,
        windowMinutes,
      );
      if (retryAfterSeconds !== null) {
        return { kind: 'rate_limited', lang, retryAfterSeconds };
      }
    }
    return this.accept(dto, lang, pow, context.actor);
  }

  private async accept(
    dto: PublicInquiryDto,
    lang: InquiryLanguage,
    pow: { challengeId: string; expiresAt: Date } | null,
    actor: ActorContext,
  ): Promise<SubmissionOutcome> {
    const message = normalizeInquiryMessage(dto.message);
    const phone = dto.phone ? normalizeJapanesePhone(dto.phone) : null;
    const keys = {
      email: dto.email ? sha256(`email:${dto.email}\n${message}`) : null,
      phone: phone ? sha256(`phone:${phone}\n${message}`) : null,
    };
    const t = textsFor(lang);
    const outcome = await this.dataSource.transaction(async (db) => {
      if (pow && !(await this.shield.spend(db, pow))) {
        return null;
      }
      const inquiry = {
        language: lang,
        consent_version: CONSENT_VERSION,
        consent_text: consentText(lang),
        consent_text_sha256: consentHash(lang),
        proof_of_work: pow !== null,
        preferred_channel: dto.preferredChannel,
        preferred_times: dto.preferredTimes ?? '',
        email_message_key: keys.email,
        phone_message_key: keys.phone,
      };
      const first = await this.repository.firstCaseOfSameMessage(db, keys);
      if (first) {
        await this.timeline.append(db, {
          caseId: first,
          kind: 'note',
          actorId: null,
          body: 'Webフォームから同じ内容のお問い合わせが再度送信されました。',
          data: { source: 'web_form', repeatedSubmission: true, proofOfWork: pow !== null },
        });
        await this.repository.insert(db, { ...inquiry, case_id: first, appended: true });
        return { number: await this.cases.numberOf(db, first), mailed: false };
      }
      const created = await this.cases.intakeFromWeb(
        db,
        {
          organization: {
            name: dto.orgName,
            nameKana: dto.orgNameKana,
            prefectureCode: dto.prefectureCode,
            industryCode: dto.industryCode,
            employees: dto.employees,
          },
          contact: {
            name: dto.contactName,
            nameKana: dto.contactNameKana,
            phone: dto.phone,
            email: dto.email,
          },
          topics: topicsOfInquiryChoice(dto.topic),
          // Unverified (no proof of work, JavaScript off) says so where triage looks first.
          subject: `${pow ? '' : '[未検証] '}Webお問い合わせ: ${dto.orgName}`.slice(0, 200),
          description: [
            dto.message,
            '',
            '---',
            `希望する連絡方法: ${dto.preferredChannel === 'email' ? 'メール' : '電話'}`,
            ...(dto.preferredTimes ? [`連絡希望の時間帯: ${dto.preferredTimes}`] : []),
            `言語: ${lang === 'ja' ? '日本語' : '英語'}`,
          ].join('\n'),
          eventData: {
            source: 'web_form',
            proofOfWork: pow !== null,
            consentVersion: CONSENT_VERSION,
          },
        },
        actor,
      );
      await this.repository.insert(db, { ...inquiry, case_id: created.id, appended: false });
      // The confirmation says the number and nothing of what was typed: the address may not be
      // the sender's, and mail is no place for what they wrote.
      if (dto.email) {
        await this.outbox.enqueueExternal(db, {
          kind: 'inquiry_received',
          to: dto.email,
          subject: t.mailSubject.replace('{number}', created.number),
          body: t.mailBody.replace('{number}', created.number),
          caseId: created.id,
        });
      }
      return { number: created.number, mailed: dto.email !== undefined };
    });
    if (!outcome) {
      this.logger.log(
        { reason: 'challenge_replayed', requestId: actor.requestId },
        'public inquiry refused',
      );
      return { kind: 'refused', lang };
    }
    return { kind: 'accepted', lang, referenceNumber: outcome.number, mailed: outcome.mailed };
  }
}
