import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  BookSessionDto,
  CancelSessionDto,
  CompleteSessionDto,
  NoShowDto,
  RescheduleSessionDto,
  ExpertSessionDto,
  ExpertSessionListDto,
  ExpertSessionQueryDto,
} from './dto/session.dto';
import { ExpertSuggestionListDto, SuggestionQueryDto } from './dto/suggestion.dto';
import { ExpertSuggestionsService } from './expert-suggestions.service';
import { SESSION_READERS, SESSION_WRITERS } from './session-scope';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly suggestions: ExpertSuggestionsService,
  ) {}

  @Post('cases/:id/sessions')
  @Allow(...SESSION_WRITERS)
  @ApiOperation({
    operationId: 'sessionsBook',
    summary: 'Book a free session with an expert for the case’s organization (audited)',
    description:
      'Counts against the organization’s allowance across all its cases. Moves a new, in-progress or referred case into in_sessions.',
  })
  @ApiCreatedResponse({ type: ExpertSessionDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description:
      'VALIDATION_FAILED naming scheduledStart (past), expertId (unknown or inactive) or kind (needs kindOverrideReason)',
  })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description:
      'SESSION_LIMIT_REACHED (with sessionAllowance), EXPERT_DOUBLE_BOOKED or CASE_CLOSED',
  })
  book(
    @UuidParam() id: string,
    @Body() dto: BookSessionDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    return this.sessions.book(id, dto, actor);
  }

  @Get('cases/:id/sessions')
  @Allow(...SESSION_READERS)
  @ApiOperation({
    operationId: 'sessionsOfCase',
    summary: 'The case’s sessions, earliest first (an expert sees only their own)',
  })
  @ApiOkResponse({ type: ExpertSessionListDto })
  async listOfCase(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExpertSessionListDto> {
    return { items: await this.sessions.listOfCase(id, principal) };
  }

  @Get('cases/:id/expert-suggestions')
  @Allow(...SESSION_WRITERS, 'manager', 'admin')
  @ApiOperation({
    operationId: 'sessionsSuggestExperts',
    summary: 'Active experts ranked for the case, with the reasons for each score',
    description:
      'Topic fit with the case, coverage of the organization’s prefecture, this month’s load against capacity, and free time on the date.',
  })
  @ApiOkResponse({ type: ExpertSuggestionListDto })
  suggest(
    @UuidParam() id: string,
    @Query() query: SuggestionQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExpertSuggestionListDto> {
    return this.suggestions.suggest(id, principal, query.date);
  }

  @Get('sessions')
  @Allow(...SESSION_READERS)
  @ApiOperation({
    operationId: 'sessionsList',
    summary: 'Sessions in your scope by expert, period and status (experts: their own)',
  })
  @ApiOkResponse({ type: ExpertSessionListDto })
  async list(
    @Query() query: ExpertSessionQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExpertSessionListDto> {
    return { items: await this.sessions.list(query, principal) };
  }

  @Get('sessions/:id')
  @Allow(...SESSION_READERS)
  @ApiOperation({ operationId: 'sessionsGet', summary: 'One session with its report' })
  @ApiOkResponse({ type: ExpertSessionDto })
  get(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExpertSessionDto> {
    return this.sessions.get(id, principal);
  }

  @Post('sessions/:id/complete')
  @HttpCode(200)
  @Allow(...SESSION_WRITERS, 'expert')
  @ApiOperation({
    operationId: 'sessionsComplete',
    summary:
      'File the report of a session that has begun (its expert, or the desk on their behalf)',
  })
  @ApiOkResponse({ type: ExpertSessionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SESSION_STATE_CONFLICT' })
  complete(
    @UuidParam() id: string,
    @Body() dto: CompleteSessionDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    return this.sessions.complete(id, dto, actor);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @Allow(...SESSION_WRITERS)
  @ApiOperation({
    operationId: 'sessionsCancel',
    summary: 'Cancel a scheduled session; it frees the expert’s slot and the allowance',
  })
  @ApiOkResponse({ type: ExpertSessionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SESSION_STATE_CONFLICT' })
  cancel(
    @UuidParam() id: string,
    @Body() dto: CancelSessionDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    return this.sessions.cancel(id, dto, actor);
  }

  @Post('sessions/:id/reschedule')
  @HttpCode(200)
  @Allow(...SESSION_WRITERS)
  @ApiOperation({
    operationId: 'sessionsReschedule',
    summary:
      'Move a scheduled session to another time in one step: it keeps its place in the allowance and its history, and counts no cancellation',
  })
  @ApiOkResponse({ type: ExpertSessionDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description:
      'EXPERT_DOUBLE_BOOKED (the expert is busy then), SESSION_STATE_CONFLICT (not scheduled, or a stale version), SESSION_LIMIT_REACHED (moved into a fiscal year already used up)',
  })
  reschedule(
    @UuidParam() id: string,
    @Body() dto: RescheduleSessionDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    return this.sessions.reschedule(id, dto, actor);
  }

  @Post('sessions/:id/no-show')
  @HttpCode(200)
  @Allow(...SESSION_WRITERS)
  @ApiOperation({
    operationId: 'sessionsNoShow',
    summary: 'Record that the organization did not show up; the session still counts',
  })
  @ApiOkResponse({ type: ExpertSessionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SESSION_STATE_CONFLICT' })
  noShow(
    @UuidParam() id: string,
    @Body() dto: NoShowDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    return this.sessions.noShow(id, dto, actor);
  }
}
