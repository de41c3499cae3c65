import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decryptSecret, encryptSecret, randomToken, sha256 } from '../../common/auth/secrets';
import type { FieldError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { TELEWORK_INTENTS } from './survey-page';
import { type SurveyRow, SurveysRepository } from './surveys.repository';

export type SurveyLookup =
  { state: 'open'; survey: SurveyRow } | { state: 'answered' } | { state: 'closed' };

export type SurveyAnswerOutcome =
  | { kind: 'answered' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { state: 'answered' }
  | { state: 'closed' };

const hashOf = (token: string): string => sha256(token).toString('hex');

const invitation = (link: string, reminder: boolean): { subject: string; body: string } => ({
  subject: reminder
    ? '【テレワーク相談センター】アンケートご協力のお願い(再送)'
    : '【テレワーク相談センター】専門家相談のアンケートご協力のお願い',
  body: [
    'テレワーク相談センターです。',
    '先日は専門家(テレワークマネージャー)による相談をご利用いただき、ありがとうございました。',
    '今後の相談の質の向上のため、1分ほどのアンケートにご協力ください。',
    '',
    link,
    '',
    '回答は一度だけ、30日以内にお願いします。サインインは不要です。',
    'アンケートの送付を希望されない場合は、相談窓口までお知らせください。',
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
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: SurveysRepository,
    private readonly outbox: MailOutboxService,
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
            kind: 'survey_invitation',
            to: session.email,
            ...invitation(this.link(token), false),
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
          kind: 'survey_reminder',
          to: survey.email,
          ...invitation(this.link(token), true),
          caseId: survey.case_id,
        });
        await this.repository.markReminded(db, survey.id);
      }
      return due.length;
    });
    return { invited, reminded };
  }

  async lookup(token: string): Promise<SurveyLookup> {
    const survey = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await this.repository.byToken(hashOf(token))
      : null;
    if (!survey) {
      return { state: 'closed' };
    }
    if (survey.answered_at) {
      return { state: 'answered' };
    }
    return survey.expires_at.getTime() <= Date.now()
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

  forSession(sessionId: string): Promise<SurveyRow | null> {
    return this.repository.forSession(sessionId);
  }

  private link(token: string): string {
    return `${this.settings.mail.publicUrl}/survey/${token}`;
  }
}
