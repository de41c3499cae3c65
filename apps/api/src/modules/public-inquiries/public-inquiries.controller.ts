import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ActorContext, Actor } from '../../common/auth/actor-context';
import { OpenToInternet } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { FormTokenDto, PublicInquiryAcceptedDto, PublicInquiryDto } from './dto/public-inquiry.dto';
import { INQUIRY_PAGE_CSP, type FormValues, renderForm, renderThanks } from './inquiry-page';
import { textsFor } from './inquiry-texts';
import { PublicInquiriesService, type SubmissionOutcome } from './public-inquiries.service';
import { SubmissionShieldService } from './submission-shield.service';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** What a person typed, kept for the re-rendered form; the anti-spam fields are not kept. */
export function formValuesOf(body: unknown): FormValues {
  const values: FormValues = {};
  if (typeof body !== 'object' || body === null) {
    return values;
  }
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (['altcha', 'formToken', 'website'].includes(key)) {
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number') {
      values[key] = String(value);
    } else if (value === true) {
      values[key] = 'yes';
    }
  }
  return values;
}

@ApiTags('public')
@OpenToInternet()
@Controller('public')
export class PublicInquiriesController {
  constructor(
    private readonly inquiries: PublicInquiriesService,
    private readonly shield: SubmissionShieldService,
  ) {}

  @Get('challenge')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'An ALTCHA proof-of-work challenge for the inquiry form',
    description:
      'Solve it (e.g. with the altcha widget or altcha-lib) and post the payload as `altcha`. A challenge is good for 5 minutes and once.',
  })
  @ApiOkResponse({ description: 'An ALTCHA v2 challenge (parameters and signature)' })
  challenge(): Promise<unknown> {
    return this.shield.challenge();
  }

  @Get('form-token')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The signed start time a JSON client posts back as `formToken`',
    description:
      'The form page carries one; a submission sooner than the minimum fill time is refused.',
  })
  @ApiOkResponse({ type: FormTokenDto })
  formToken(): FormTokenDto {
    return { formToken: this.shield.formToken() };
  }

  @Post('inquiries')
  @ApiOperation({
    summary: 'Submit the public inquiry form',
    description:
      'JSON (answers JSON) or a plain HTML form post (answers the page: the confirmation, or the form again with what was typed and what to fix). Creates a `web` case and mails the reference number. JSON must carry a solved `altcha`; a form post without one (JavaScript off) is accepted and marked unverified. Refusals (honeypot, too fast, bad or replayed challenge) all answer 400 SUBMISSION_REFUSED.',
  })
  @ApiConsumes('application/json', FORM_CONTENT_TYPE)
  @ApiBody({ type: PublicInquiryDto })
  @ApiCreatedResponse({ type: PublicInquiryAcceptedDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'With Retry-After' })
  async submit(
    // Validated by the service, so that a form post gets the page back rather than JSON.
    @Body() body: Record<string, unknown>,
    @Actor() actor: ActorContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const formPost = (request.headers['content-type'] ?? '').startsWith(FORM_CONTENT_TYPE);
    const outcome = await this.inquiries.submit(body, { actor, formPost });
    void reply.header('cache-control', 'no-store');
    if (formPost) {
      this.sendPage(reply, outcome, body);
      return;
    }
    switch (outcome.kind) {
      case 'accepted':
        void reply.status(201).send({ referenceNumber: outcome.referenceNumber });
        return;
      case 'invalid':
        throw new AppError(
          'VALIDATION_FAILED',
          `Validation failed: ${outcome.errors
            .slice(0, 3)
            .map((e) => `${e.field} ${e.message}`)
            .join('; ')}`,
          outcome.errors,
        );
      case 'refused':
        throw new AppError('SUBMISSION_REFUSED', textsFor(outcome.lang).refused);
      case 'rate_limited':
        throw new AppError(
          'RATE_LIMITED',
          textsFor(outcome.lang).rateLimited.replace(
            '{minutes}',
            String(Math.ceil(outcome.retryAfterSeconds / 60)),
          ),
          undefined,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
    }
  }

  private sendPage(reply: FastifyReply, outcome: SubmissionOutcome, body: unknown): void {
    void reply.type('text/html; charset=utf-8').header('content-security-policy', INQUIRY_PAGE_CSP);
    if (outcome.kind === 'accepted') {
      void reply
        .status(200)
        .send(renderThanks(outcome.lang, outcome.referenceNumber, outcome.mailed));
      return;
    }
    const t = textsFor(outcome.lang);
    const page = {
      lang: outcome.lang,
      values: formValuesOf(body),
      formToken: this.shield.tokenForRetry((body as { formToken?: unknown } | null)?.formToken),
    };
    switch (outcome.kind) {
      case 'invalid':
        void reply.status(400).send(renderForm({ ...page, errors: outcome.errors }));
        return;
      case 'refused':
        void reply.status(400).send(renderForm({ ...page, errors: [], banner: t.refused }));
        return;
      case 'rate_limited':
        void reply
          .status(429)
          .header('retry-after', String(outcome.retryAfterSeconds))
          .send(
            renderForm({
              ...page,
              errors: [],
              banner: t.rateLimited.replace(
                '{minutes}',
                String(Math.ceil(outcome.retryAfterSeconds / 60)),
              ),
            }),
          );
        return;
    }
  }
}
