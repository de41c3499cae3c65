import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ForTokenScope } from '../../common/auth/token-scopes';
import { AppError } from '../../common/errors/app-error';
import { CASE_READERS, CASE_WRITERS } from '../cases/case-scope';
import {
  CreateMailboxDto,
  IngestResultDto,
  MailboxDto,
  MailboxListDto,
  MailMessageDto,
  MailMessageListDto,
  UpdateMailboxDto,
} from './dto/mailbox.dto';
import { CreateReplyDto, ReplyDraftDto } from './dto/reply.dto';
import { MailIngestService } from './mail-ingest.service';
import { MailMessagesService } from './mail-messages.service';
import { MailRepliesService } from './mail-replies.service';
import { MailboxesService } from './mailboxes.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError('VALIDATION_FAILED', 'id: must be a UUID', [
      { field: 'id', message: 'must be a UUID' },
    ]),
});

@ApiTags('mail')
@Controller()
export class MailController {
  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly ingestion: MailIngestService,
    private readonly messages: MailMessagesService,
    private readonly replies: MailRepliesService,
  ) {}

  @Get('mailboxes')
  @Allow('admin')
  @ApiOperation({ operationId: 'mailboxesList', summary: 'Mailboxes (passwords never returned)' })
  @ApiOkResponse({ type: MailboxListDto })
  async list(): Promise<MailboxListDto> {
    return { items: await this.mailboxes.list() };
  }

  @Post('mailboxes')
  @Allow('admin')
  @ApiOperation({ operationId: 'mailboxesCreate', summary: "Add a desk's mailbox (audited)" })
  @ApiCreatedResponse({ type: MailboxDto })
  create(@Body() dto: CreateMailboxDto, @Actor() actor: ActorContext): Promise<MailboxDto> {
    return this.mailboxes.create(dto, actor);
  }

  @Patch('mailboxes/:id')
  @Allow('admin')
  @ApiOperation({
    operationId: 'mailboxesUpdate',
    summary: 'Change a mailbox; a password is replaced only when given (audited)',
  })
  @ApiOkResponse({ type: MailboxDto })
  update(
    @Param('id', uuid) id: string,
    @Body() dto: UpdateMailboxDto,
    @Actor() actor: ActorContext,
  ): Promise<MailboxDto> {
    return this.mailboxes.update(id, dto, actor);
  }

  @Post('mailboxes/:id/messages')
  @Allow('admin')
  // An MTA's token needs nothing else: a `mail_ingest` token may call this route only.
  @ForTokenScope('mail_ingest')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'mailboxesIngest',
    summary: 'Deliver one raw message (from an MTA or an import)',
    description:
      'The body is the message as received (RFC 5322 bytes) with `Content-Type: message/rfc822`. ' +
      'The same message twice is `ignored` with reason DUPLICATE. An admin, or an API token with ' +
      'the `mail_ingest` scope (for an MTA: it can do nothing else).',
  })
  @ApiConsumes('message/rfc822')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: IngestResultDto })
  ingest(
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Actor() actor: ActorContext,
  ): Promise<IngestResultDto> {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the raw message with Content-Type: message/rfc822.',
      );
    }
    // A mail_ingest token is an MTA, not a person: its mail is filed as a system intake.
    return this.ingestion.ingest(
      id,
      request.body,
      actor.principal?.tokenScopes?.includes('mail_ingest') &&
        !actor.principal.tokenScopes.includes('write')
        ? { ...actor, principal: null }
        : actor,
    );
  }

  @Get('cases/:id/messages')
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'casesMessages', summary: "The case's mail, received and sent" })
  @ApiOkResponse({ type: MailMessageListDto })
  async ofCase(
    @Param('id', uuid) id: string,
    @Actor() actor: ActorContext,
  ): Promise<MailMessageListDto> {
    return { items: await this.messages.ofCase(id, actor.principal!) };
  }

  @Get('cases/:id/reply-draft')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'casesReplyDraft',
    summary: 'What a reply on the case starts from: mailbox, signature, recipient, subject, quote',
  })
  @ApiOkResponse({ type: ReplyDraftDto })
  replyDraft(@Param('id', uuid) id: string, @Actor() actor: ActorContext): Promise<ReplyDraftDto> {
    return this.replies.draft(id, actor);
  }

  @Post('cases/:id/replies')
  @Allow(...CASE_WRITERS)
  @HttpCode(201)
  @ApiOperation({
    operationId: 'casesReply',
    summary: 'Reply by email from the case (sent by a job through the mailbox SMTP)',
    description:
      "Stored at once as the case's outgoing mail (`sendStatus: pending`), with the case token in the " +
      'subject and In-Reply-To/References of the latest mail received. Refusals are retried with ' +
      'backoff; only an accepted reply goes on the timeline and stops the first-response clock.',
  })
  @ApiCreatedResponse({ type: MailMessageDto })
  reply(
    @Param('id', uuid) id: string,
    @Body() dto: CreateReplyDto,
    @Actor() actor: ActorContext,
  ): Promise<MailMessageDto> {
    return this.replies.create(id, dto, actor);
  }

  @Post('cases/:id/replies/:messageId/retry')
  @Allow(...CASE_WRITERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'casesReplyRetry', summary: 'Send a failed reply again' })
  @ApiOkResponse({ type: MailMessageDto })
  retryReply(
    @Param('id', uuid) id: string,
    @Param('messageId', uuid) messageId: string,
    @Actor() actor: ActorContext,
  ): Promise<MailMessageDto> {
    return this.replies.retry(id, messageId, actor);
  }

  @Get('mail-attachments/:id')
  @Allow(...CASE_READERS)
  @ApiOperation({
    operationId: 'mailAttachmentsDownload',
    summary: 'An attachment, always as a download (never shown inline)',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('id', uuid) id: string,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.messages.attachment(id, actor.principal!);
    // ASCII fallback plus the RFC 5987 UTF-8 name: Japanese names survive every browser.
    const fallback = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    await reply
      .header('content-type', 'application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.content);
  }
}
