import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { decryptSecret, encryptSecret, randomToken, sha256 } from '../../common/auth/secrets';
import { AppError, type FieldError } from '../../common/errors/app-error';
import { Clock } from '../../common/clock/clock';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuditService } from '../audit/audit.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { ContactsService } from '../organizations/contacts.service';
import { OPT_OUT_SUFFIX, TELEWORK_INTENTS } from './survey-page';
import {
  type StaffSurveyRow,
  type SurveyRow,
  SurveysRepository,
  type UnansweredFilters,
  type UnansweredRow,
} from './surveys.repository';

export type SurveyLookup =
  { state: 'open'; survey: SurveyRow } | { state: 'answered' } | { state: 'closed' };

export type SurveyAnswerOutcome =
  | { kind: 'answered' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { state: 'answered' }
  | { state: 'closed' };

const hashOf = (token: string): string => sha256(token).toString('hex');

type InvitationKind = 'survey_invitation' | 'survey_reminder' | 'survey_resent';

const invitation = (
  link: string,
  kind: InvitationKind,
): { kind: InvitationKind; subject: string; body: string } => ({
  kind,
  subject:
    kind === 'survey_invitation'
      ? '【テレワーク相談センター】専門家相談のアンケートご協力のお願い'
      : '【テレワーク相談センター】アンケートご協力のお願い(再送)',
  body: [
    'テレワーク相談センターです。',
    '先日は専門家(テレワークマネージャー)による相談をご利用いただき、ありがとうございました。',
    '今後の相談の質の向上のため、1分ほどのアンケートにご協力ください。',
    '',
    link,
    '',
    '回答は一度だけ、30日以内にお願いします。サインインは不要です。',
    '今後アンケートの送付を希望されない場合は、次のリンクから停止できます。',
    `${link}${OPT_OUT_SUFFIX}`,
    '',
    'テレワーク相談センター',
  ].join('\n'),
});

/**
 * The satisfaction survey after a completed expert session: mailed after SURVEY_DELAY_HOURS
 * through the outbox, one reminder after 7 days, answered once within 30 days by its link alone.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: SurveysRepository,
    private readonly outbox: MailOutboxService,
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
  ) {}

  /** The job: invitations that are due, then reminders. Safe on any number of instances. */
  async run(limit = 200): Promise<{ invited: number; reminded: number }> {
    const invited = await this.dataSource.transaction(async (db) => {
      const due = await this.repository.dueSessions(db, this.settings.surveyDelayHours, limit);
      let count = 0;
      for (const session of due) {
        const token = randomToken(32);
        const id = await this.repository.insert(db, session, {
          sha256: hashOf(token),
          sealed: encryptSecret(token, this.settings.appSecret),
        });
        if (id) {
          await this.outbox.enqueueExternal(db, {
            to: session.email,
            ...invitation(this.link(token), 'survey_invitation'),
            caseId: session.case_id,
          });
          count += 1;
        }
      }
      return count;
    });
    const reminded = await this.dataSource.transaction(async (db) => {
      const due = await this.repository.dueReminders(db, limit);
      for (const survey of due) {
        const token = decryptSecret(survey.token_sealed, this.settings.appSecret);
        await this.outbox.enqueueExternal(db, {
          to: survey.email,
          ...invitation(this.link(token), 'survey_reminder'),
          caseId: survey.case_id,
        });
        await this.repository.markReminded(db, survey.id);
      }
      return due.length;
    });
    return { invited, reminded };
  }

  /** The survey a link was sent for, whatever its state; null for an unknown link. */
  byToken(token: string): Promise<SurveyRow | null> {
    return /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? this.repository.byToken(hashOf(token))
      : Promise.resolve(null);
  }

  async lookup(token: string): Promise<SurveyLookup> {
    const survey = await this.byToken(token);
    if (!survey) {
      return { state: 'closed' };
    }
    if (survey.answered_at) {
      return { state: 'answered' };
    }
    return survey.expires_at.getTime() <= this.clock.now().getTime()
      ? { state: 'closed' }
      : { state: 'open', survey };
  }

  async answer(token: string, body: Record<string, unknown>): Promise<SurveyAnswerOutcome> {
    const found = await this.lookup(token);
    if (found.state !== 'open') {
      return found;
    }
    const score = (value: unknown): number | null => {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
    };
    const overall = score(body.overall);
    const usefulness = score(body.usefulness);
    const intent =
      typeof body.teleworkIntent === 'string' && body.teleworkIntent !== ''
        ? body.teleworkIntent
        : null;
    const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
    const errors: FieldError[] = [];
    if (overall === null) {
      errors.push({ field: 'overall', message: 'must be an integer from 1 to 5' });
    }
    if (usefulness === null) {
      errors.push({ field: 'usefulness', message: 'must be an integer from 1 to 5' });
    }
    if (intent !== null && !(TELEWORK_INTENTS as readonly string[]).includes(intent)) {
      errors.push({
        field: 'teleworkIntent',
        message: `must be one of ${TELEWORK_INTENTS.join(', ')}`,
      });
    }
    if (comment.length > 2000) {
      errors.push({ field: 'comment', message: 'must be at most 2000 characters' });
    }
    if (errors.length > 0 || overall === null || usefulness === null) {
      return { kind: 'invalid', errors };
    }
    const stored = await this.repository.answer(found.survey.id, {
      overall,
      usefulness,
      teleworkIntent: intent,
      comment: comment || null,
    });
    // Lost a race with another answer (or the deadline): the first one stands.
    return stored ? { kind: 'answered' } : { state: 'answered' };
  }

  /**
   * The contact behind a survey link asks for no more surveys. Any link that was ever sent
   * works, answered or expired: stopping mail should never depend on a deadline.
   */
  async optOut(token: string, actor: ActorContext): Promise<boolean> {
    const survey = await this.byToken(token);
    if (!survey) {
      return false;
    }
    await this.dataSource.transaction((db) =>
      this.contacts.optOutOfSurveys(db, survey.contact_id, actor),
    );
    return true;
  }

  async forSession(principal: Principal, sessionId: string): Promise<StaffSurveyRow | null> {
    const [row] = await this.repository.visible(principal, { sessionId });
    return row ?? null;
  }

  forCase(principal: Principal, caseId: string): Promise<StaffSurveyRow[]> {
    return this.repository.visible(principal, { caseId });
  }

  unanswered(principal: Principal, filters: UnansweredFilters): Promise<UnansweredRow[]> {
    return this.repository.unanswered(principal, filters, 500);
  }

  /**
   * Mails the same link again, to the contact's address as it is now. Refused (409) once the
   * survey is answered or closed, or when the contact opted out; audited.
   */
  async resend(id: string, actor: ActorContext): Promise<{ resentAt: Date }> {
    return this.dataSource.transaction(async (db) => {
      const survey = await this.repository.forResend(db, actor.principal!, id);
      if (!survey) {
        throw new AppError('NOT_FOUND', 'No such survey.');
      }
      if (survey.answered_at) {
        throw new AppError('SURVEY_ALREADY_ANSWERED', 'This survey has been answered already.');
      }
      if (survey.expires_at.getTime() <= this.clock.now().getTime()) {
        throw new AppError('SURVEY_EXPIRED', 'This survey has closed (30 days after it was sent).');
      }
      if (survey.opted_out) {
        throw new AppError('SURVEY_OPTED_OUT', 'The contact does not want surveys.');
      }
      if (!survey.reachable || !survey.email) {
        throw new AppError(
          'SURVEY_CONTACT_UNREACHABLE',
          'The contact has no email address now, or is no longer there.',
        );
      }
      const token = decryptSecret(survey.token_sealed, this.settings.appSecret);
      await this.outbox.enqueueExternal(db, {
        to: survey.email,
        ...invitation(this.link(token), 'survey_resent'),
        caseId: survey.case_id,
      });
      const resentAt = await this.repository.markResent(db, survey.id);
      await this.audit.record(
        actor,
        {
          action: 'survey.resent',
          entityType: 'satisfaction_survey',
          entityId: survey.id,
          meta: { caseId: survey.case_id },
        },
        db,
      );
      return { resentAt };
    });
  }

  private link(token: string): string {
    return `${this.settings.mail.publicUrl}/survey/${token}`;
  }
}
