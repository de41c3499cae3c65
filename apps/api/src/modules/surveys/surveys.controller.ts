import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiExcludeController,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow, OpenToInternet } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { INQUIRY_PAGE_CSP } from '../public-inquiries/inquiry-page';
import { SESSION_READERS } from '../sessions/session-scope';
import {
  SessionSurveyDto,
  SessionSurveyListDto,
  SurveyAnswerDto,
  SurveyResentDto,
  UnansweredSurveyListDto,
  UnansweredSurveysQueryDto,
} from './dto/survey.dto';
import {
  renderOptOutForm,
  renderOptedOut,
  renderSurveyClosed,
  renderSurveyForm,
  renderSurveyThanks,
} from './survey-page';
import type { StaffSurveyRow } from './surveys.repository';
import { SurveysService } from './surveys.service';

// Desks and the national center follow up on surveys; experts only read their own sessions'.
const SURVEY_STAFF = ['operator', 'desk_staff', 'manager', 'admin'] as const;

const toSurveyDto = (survey: StaffSurveyRow): SessionSurveyDto => ({
  id: survey.id,
  sessionId: survey.session_id,
  status: survey.answered_at
    ? 'answered'
    : survey.expires_at.getTime() <= Date.now()
      ? 'expired'
      : 'invited',
  invitedAt: survey.invited_at.toISOString(),
  remindedAt: survey.reminded_at?.toISOString() ?? null,
  resentAt: survey.resent_at?.toISOString() ?? null,
  expiresAt: survey.expires_at.toISOString(),
  answeredAt: survey.answered_at?.toISOString() ?? null,
  overall: survey.overall,
  usefulness: survey.usefulness,
  teleworkIntent: survey.telework_intent,
  comment: survey.comment,
  contactOptedOut: survey.contact_opted_out,
});

const isFormPost = (request: FastifyRequest): boolean =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

const page = (reply: FastifyReply, status: number, html: string): void => {
  void reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', INQUIRY_PAGE_CSP)
    // The token is in the address: never send it on to another site.
    .header('referrer-policy', 'no-referrer')
    .send(html);
};

/** The survey page itself, reached by the link in the mail; no sign-in. */
@ApiExcludeController()
@OpenToInternet()
@Controller('survey')
export class SurveyPageController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.surveys.lookup(token);
    if (found.state === 'open') {
      page(reply, 200, renderSurveyForm(token));
      return;
    }
    page(reply, found.state === 'answered' ? 409 : 404, renderSurveyClosed(found.state));
  }

  @Get(':token/opt-out')
  async optOutPage(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    // Answered or closed links still stop the mail; only an unknown one is not found.
    const known = (await this.surveys.byToken(token)) !== null;
    page(reply, known ? 200 : 404, known ? renderOptOutForm(token) : renderSurveyClosed('closed'));
  }
}

@ApiTags('public')
@OpenToInternet()
@Controller('public/surveys')
export class PublicSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post(':token')
  @ApiOperation({
    summary: 'Answer a satisfaction survey (JSON or a plain HTML form post)',
    description:
      'Once, within 30 days of the invitation. A used link answers 409 SURVEY_ALREADY_ANSWERED; an unknown or expired one 404.',
  })
  @ApiBody({ type: SurveyAnswerDto })
  @ApiNoContentResponse({ description: 'Stored' })
  async answer(
    @Param('token') token: string,
    // Checked by the service, so that a form post gets the page back rather than JSON.
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const formPost = isFormPost(request);
    const outcome = await this.surveys.answer(token, body ?? {});
    if (formPost) {
      if ('kind' in outcome) {
        if (outcome.kind === 'answered') {
          page(reply, 200, renderSurveyThanks());
        } else {
          const values = Object.fromEntries(
            Object.entries(body ?? {}).filter(([, v]) => typeof v === 'string'),
          ) as Record<string, string>;
          page(reply, 400, renderSurveyForm(token, values, outcome.errors));
        }
        return;
      }
      page(reply, outcome.state === 'answered' ? 409 : 404, renderSurveyClosed(outcome.state));
      return;
    }
    if ('kind' in outcome) {
      if (outcome.kind === 'invalid') {
        throw new AppError('VALIDATION_FAILED', 'Validation failed', outcome.errors);
      }
      void reply.status(204).send();
      return;
    }
    if (outcome.state === 'answered') {
      throw new AppError('SURVEY_ALREADY_ANSWERED', 'This survey has been answered already.');
    }
    throw new AppError('NOT_FOUND', 'No such survey, or it has expired.');
  }

  @Post(':token/opt-out')
  @ApiOperation({
    summary: 'Stop satisfaction surveys to the contact the link was sent to',
    description:
      'Any link that was sent works, answered or expired; no reminder or later survey goes ' +
      'to that contact. 404 for an unknown link.',
  })
  @ApiNoContentResponse({ description: 'Opted out' })
  async optOut(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    const done = await this.surveys.optOut(token, actor);
    const formPost = isFormPost(request);
    if (formPost) {
      page(reply, done ? 200 : 404, done ? renderOptedOut() : renderSurveyClosed('closed'));
      return;
    }
    if (!done) {
      throw new AppError('NOT_FOUND', 'No such survey.');
    }
    void reply.status(204).send();
  }
}

@ApiTags('sessions')
@Controller()
export class SessionSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('sessions/:id/survey')
  @Allow(...SESSION_READERS)
  @ApiOperation({
    summary: "The session's satisfaction survey: whether it was sent and answered",
    description: 'Staff see the sessions of the cases in their scope, an expert their own.',
  })
  @ApiOkResponse({ type: SessionSurveyDto })
  async forSession(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionSurveyDto> {
    const survey = await this.surveys.forSession(principal, id);
    if (!survey) {
      throw new AppError('NOT_FOUND', 'No survey was sent for this session.');
    }
    return toSurveyDto(survey);
  }

  @Get('cases/:id/surveys')
  @Allow(...SESSION_READERS)
  @ApiOperation({
    operationId: 'caseSurveys',
    summary: "The satisfaction surveys of a case's sessions (an expert: of their own sessions)",
  })
  @ApiOkResponse({ type: SessionSurveyListDto })
  async forCase(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionSurveyListDto> {
    return { items: (await this.surveys.forCase(principal, id)).map(toSurveyDto) };
  }
}

@ApiTags('surveys')
@Controller('surveys')
export class StaffSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('unanswered')
  @Allow(...SURVEY_STAFF)
  @ApiOperation({
    operationId: 'surveysUnanswered',
    summary: 'Surveys sent and not answered, open or closed, in your case scope',
    description: 'Filter by the case’s desk, the session’s expert and fiscal year.',
  })
  @ApiOkResponse({ type: UnansweredSurveyListDto })
  async unanswered(
    @Query() query: UnansweredSurveysQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UnansweredSurveyListDto> {
    const rows = await this.surveys.unanswered(principal, query);
    return {
      items: rows.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        deskId: r.desk_id,
        organizationName: r.organization_name,
        expertId: r.expert_id,
        expertName: r.expert_name,
        sessionKind: r.kind,
        sessionStart: r.session_start.toISOString(),
        fiscalYear: r.fiscal_year,
        status: r.expires_at.getTime() <= Date.now() ? 'expired' : 'invited',
        invitedAt: r.invited_at.toISOString(),
        remindedAt: r.reminded_at?.toISOString() ?? null,
        resentAt: r.resent_at?.toISOString() ?? null,
        expiresAt: r.expires_at.toISOString(),
        contactOptedOut: r.contact_opted_out,
      })),
    };
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Allow(...SURVEY_STAFF)
  @ApiOperation({
    operationId: 'surveysResend',
    summary: 'Mail the same survey link again to the contact (audited)',
  })
  @ApiOkResponse({ type: SurveyResentDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description:
      'SURVEY_ALREADY_ANSWERED, SURVEY_EXPIRED, SURVEY_OPTED_OUT or SURVEY_CONTACT_UNREACHABLE',
  })
  async resend(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<SurveyResentDto> {
    const { resentAt } = await this.surveys.resend(id, actor);
    return { resentAt: resentAt.toISOString() };
  }
}
