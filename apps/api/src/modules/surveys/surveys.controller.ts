import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiExcludeController,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, OpenToInternet } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import { UuidParam } from '../../common/http/uuid-param';
import { INQUIRY_PAGE_CSP } from '../public-inquiries/inquiry-page';
import {
  TELEWORK_INTENTS,
  renderSurveyClosed,
  renderSurveyForm,
  renderSurveyThanks,
} from './survey-page';
import { SurveysService } from './surveys.service';

export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  overall!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  usefulness!: number;

  @ApiPropertyOptional({ enum: TELEWORK_INTENTS })
  teleworkIntent?: (typeof TELEWORK_INTENTS)[number];

  @ApiPropertyOptional({ maxLength: 2000 })
  comment?: string;
}

export class SessionSurveyDto {
  @ApiProperty({ enum: ['invited', 'answered', 'expired'] })
  status!: 'invited' | 'answered' | 'expired';

  @ApiProperty({ format: 'date-time' })
  invitedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  overall!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  usefulness!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: TELEWORK_INTENTS })
  teleworkIntent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;
}

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
    const formPost = (request.headers['content-type'] ?? '').startsWith(
      'application/x-www-form-urlencoded',
    );
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
}

@ApiTags('sessions')
@Controller('sessions')
export class SessionSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':id/survey')
  @Allow('operator', 'manager', 'admin')
  @ApiOperation({ summary: "The session's satisfaction survey: whether it was sent and answered" })
  @ApiOkResponse({ type: SessionSurveyDto })
  async forSession(@UuidParam() id: string): Promise<SessionSurveyDto> {
    const survey = await this.surveys.forSession(id);
    if (!survey) {
      throw new AppError('NOT_FOUND', 'No survey was sent for this session.');
    }
    return {
      status: survey.answered_at
        ? 'answered'
        : survey.expires_at.getTime() <= Date.now()
          ? 'expired'
          : 'invited',
      invitedAt: survey.invited_at.toISOString(),
      remindedAt: survey.reminded_at?.toISOString() ?? null,
      answeredAt: survey.answered_at?.toISOString() ?? null,
      overall: survey.overall,
      usefulness: survey.usefulness,
      teleworkIntent: survey.telework_intent,
      comment: survey.comment,
    };
  }
}
