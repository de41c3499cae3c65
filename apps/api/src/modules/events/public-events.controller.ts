import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExcludeController,
  ApiNotFoundResponse,
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
import { INQUIRY_PAGE_CSP } from '../public-inquiries/inquiry-page';
import { formValuesOf } from '../public-inquiries/public-inquiries.controller';
import { SubmissionShieldService } from '../public-inquiries/submission-shield.service';
import {
  PublicEventCancelledDto,
  PublicEventDto,
  PublicEventRegisteredDto,
  PublicEventRegistrationDto,
} from './dto/public-event.dto';
import {
  CANCEL_PROBLEMS,
  renderCancelForm,
  renderEventForm,
  renderMessage,
  renderRegistered,
} from './event-page';
import { type CancelLookup, PublicEventsService } from './public-events.service';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const isFormPost = (request: FastifyRequest): boolean =>
  (request.headers['content-type'] ?? '').startsWith(FORM_CONTENT_TYPE);

const NOT_OPEN = [
  'このイベントは受付していません',
  'お申し込みの受付は終了したか、まだ公開されていません。',
] as const;
const REFUSED = '送信を確認できませんでした。ページを開き直して、もう一度お試しください。';

const page = (reply: FastifyReply, status: number, html: string): void => {
  void reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', INQUIRY_PAGE_CSP)
    // The cancellation token is in the address: never send it on to another site.
    .header('referrer-policy', 'no-referrer')
    .send(html);
};

const problemPage = (
  reply: FastifyReply,
  lookup: Exclude<CancelLookup['kind'], 'cancellable'>,
): void => {
  const [title, message] = CANCEL_PROBLEMS[lookup];
  page(reply, lookup === 'unknown' ? 404 : 409, renderMessage(title, message));
};

/** The event's page itself (outside /api), rendered on the server like the inquiry form. */
@ApiExcludeController()
@OpenToInternet()
@Controller('event')
export class PublicEventPageController {
  constructor(
    private readonly events: PublicEventsService,
    private readonly shield: SubmissionShieldService,
  ) {}

  @Get(':id')
  async show(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.events.view(id);
    if (!found || !found.open) {
      page(reply, 404, renderMessage(...NOT_OPEN));
      return;
    }
    page(
      reply,
      200,
      renderEventForm({
        event: found.view,
        values: {},
        errors: [],
        formToken: this.shield.formToken(),
      }),
    );
  }
}

/** The page of a cancellation link: shows the registration, cancels only on confirm (a post). */
@ApiExcludeController()
@OpenToInternet()
@Controller('event-cancel')
export class EventCancelPageController {
  constructor(private readonly events: PublicEventsService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.events.lookup(token);
    if (found.kind !== 'cancellable') {
      problemPage(reply, found.kind);
      return;
    }
    page(reply, 200, renderCancelForm(token, found.view));
  }
}

@ApiTags('public')
@OpenToInternet()
@Controller('public')
export class PublicEventsController {
  constructor(
    private readonly events: PublicEventsService,
    private readonly shield: SubmissionShieldService,
  ) {}

  @Get('events/:id')
  @ApiOperation({
    operationId: 'publicEventsGet',
    summary: 'A published event as the public page shows it (seats left, waiting list)',
  })
  @ApiOkResponse({ type: PublicEventDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Not there or not published' })
  async get(@Param('id') id: string): Promise<PublicEventDto> {
    const found = await this.events.view(id);
    if (!found) {
      throw new AppError('NOT_FOUND', 'No such event.');
    }
    const { view } = found;
    return {
      id: view.id,
      kind: view.kind,
      title: view.title,
      description: view.description,
      startsAt: view.startsAt.toISOString(),
      endsAt: view.endsAt.toISOString(),
      venue: view.venue,
      online: view.online,
      capacity: view.capacity,
      seatsLeft: view.seatsLeft,
      waitlisted: view.waitlisted,
      open: found.open,
    };
  }

  @Post('events/:id/registrations')
  @ApiOperation({
    operationId: 'publicEventsRegister',
    summary: 'Register for a published event from the public page',
    description:
      'JSON (answers JSON) or a plain HTML form post (answers the page). The inquiry form’s defences apply (rate limits, honeypot, signed fill time, a solved `altcha`, always required here) and consent is required. A seat while there is one, else the waiting list; the confirmation mail carries the cancellation link.',
  })
  @ApiConsumes('application/json', FORM_CONTENT_TYPE)
  @ApiBody({ type: PublicEventRegistrationDto })
  @ApiCreatedResponse({ type: PublicEventRegisteredDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'EVENT_NOT_OPEN, EVENT_REGISTRATION_EXISTS',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'With Retry-After' })
  async register(
    @Param('id') id: string,
    // Validated by the gate, so that a form post gets the page back rather than JSON.
    @Body() body: Record<string, unknown>,
    @Actor() actor: ActorContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const formPost = isFormPost(request);
    const outcome = await this.events.register(id, body, { actor, formPost });
    void reply.header('cache-control', 'no-store');
    if (formPost) {
      await this.sendPage(id, reply, outcome, body);
      return;
    }
    switch (outcome.kind) {
      case 'accepted':
        void reply.status(201).send({ status: outcome.status });
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
        throw new AppError('SUBMISSION_REFUSED', REFUSED);
      case 'rate_limited':
        throw new AppError('RATE_LIMITED', 'Too many submissions; try again later.', undefined, {
          retryAfterSeconds: outcome.retryAfterSeconds,
        });
      case 'not_open':
        throw new AppError('EVENT_NOT_OPEN', 'The event does not take registrations.');
      case 'already_registered':
        throw new AppError(
          'EVENT_REGISTRATION_EXISTS',
          'This address is already registered for the event.',
          [{ field: 'email', message: 'is already registered', constraint: 'taken' }],
        );
    }
  }

  @Post('event-registrations/:token/cancel')
  @ApiOperation({
    operationId: 'publicEventsCancel',
    summary: 'Cancel a registration by the link in its confirmation mail',
    description:
      'JSON or a form post (answers the page). 404 for an unknown link, 409 EVENT_REGISTRATION_STATE_CONFLICT when already cancelled, 409 EVENT_CANCEL_LINK_EXPIRED once the event has started.',
  })
  @ApiOkResponse({ type: PublicEventCancelledDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto })
  async cancel(
    @Param('token') token: string,
    @Actor() actor: ActorContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.events.cancel(token, actor);
    void reply.header('cache-control', 'no-store');
    if (isFormPost(request)) {
      if (outcome.kind === 'cancellable') {
        page(
          reply,
          200,
          renderMessage(
            'キャンセルを受け付けました',
            `「${outcome.view.event.title}」のお申し込みをキャンセルしました。ご連絡ありがとうございました。`,
          ),
        );
      } else {
        problemPage(reply, outcome.kind);
      }
      return;
    }
    switch (outcome.kind) {
      case 'cancellable':
        void reply.status(200).send({ status: 'cancelled' });
        return;
      case 'unknown':
        throw new AppError('NOT_FOUND', 'No such registration.');
      case 'already_cancelled':
        throw new AppError(
          'EVENT_REGISTRATION_STATE_CONFLICT',
          'The registration is already cancelled.',
        );
      case 'expired':
        throw new AppError(
          'EVENT_CANCEL_LINK_EXPIRED',
          'The event has started; the link no longer cancels.',
        );
    }
  }

  private async sendPage(
    id: string,
    reply: FastifyReply,
    outcome: Awaited<ReturnType<PublicEventsService['register']>>,
    body: unknown,
  ): Promise<void> {
    if (outcome.kind === 'accepted') {
      page(reply, 200, renderRegistered(outcome.event, outcome.status));
      return;
    }
    const found = await this.events.view(id);
    if (outcome.kind === 'not_open' || !found || !found.open) {
      page(reply, 409, renderMessage(...NOT_OPEN));
      return;
    }
    const form = {
      event: found.view,
      values: formValuesOf(body),
      errors: [],
      formToken: this.shield.tokenForRetry((body as { formToken?: unknown } | null)?.formToken),
    };
    switch (outcome.kind) {
      case 'invalid':
        page(reply, 400, renderEventForm({ ...form, errors: outcome.errors }));
        return;
      case 'refused':
        page(reply, 400, renderEventForm({ ...form, banner: REFUSED }));
        return;
      case 'already_registered':
        page(
          reply,
          409,
          renderEventForm({
            ...form,
            banner:
              'このメールアドレスではすでにお申し込みいただいています。お送りしたメールをご確認ください。',
          }),
        );
        return;
      case 'rate_limited':
        void reply.header('retry-after', String(outcome.retryAfterSeconds));
        page(
          reply,
          429,
          renderEventForm({
            ...form,
            banner: `送信が集中しています。${Math.ceil(outcome.retryAfterSeconds / 60)}分ほどおいて、もう一度お試しください。`,
          }),
        );
        return;
    }
  }
}
