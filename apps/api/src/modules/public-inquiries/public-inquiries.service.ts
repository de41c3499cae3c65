import {
  normalizeInquiryMessage,
  normalizeJapanesePhone,
  topicsOfInquiryChoice,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { FieldError } from '../../common/errors/app-error';
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
import { PublicGateService } from './public-gate.service';
import { SubmissionShieldService } from './submission-shield.service';

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
 * The public inquiry form's intake: the shared gate first (PublicGateService: rate limits,
 * honeypot, signed fill time, fields, proof of work), the proof of work spent once, and only
 * then a case: a new `web` case through the cases service, or a note on the first case when the same
 * contact sent the same message within the hour.
 */
@Injectable()
export class PublicInquiriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PublicInquiriesRepository,
    private readonly shield: SubmissionShieldService,
    private readonly gate: PublicGateService,
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
    return this.gate.blockedSeconds(ip);
  }

  async submit(raw: unknown, context: SubmissionContext): Promise<SubmissionOutcome> {
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const lang = languageOf(body.lang);
    const gate = await this.gate.screen(body, PublicInquiryDto, {
      ...context,
      form: 'public inquiry',
      allowUnverified: true,
    });
    if (gate.kind !== 'passed') {
      return { ...gate, lang };
    }
    return this.accept(gate.dto, lang, gate.pow, context.actor);
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
      return { ...this.gate.refuse('challenge_replayed', { actor, form: 'public inquiry' }), lang };
    }
    return { kind: 'accepted', lang, referenceNumber: outcome.number, mailed: outcome.mailed };
  }
}
