import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { validationError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { ExportGate } from '../../database/export-gate';
import { CASE_READERS, CASE_WRITERS } from './case-scope';
import { CaseListService } from './case-list.service';
import { CasesService } from './cases.service';
import {
  AssigneeListDto,
  CaseDto,
  CaseEventDto,
  CaseEventListDto,
  CaseExportQueryDto,
  CaseListDto,
  CaseQueryDto,
  CreateEventDto,
  TransitionDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { IntakeDto } from './dto/intake.dto';
import { CreateReferralDto, ReferralDto, ReferralListDto } from './dto/referral.dto';
import { AuditService } from '../audit/audit.service';
import { ReferralsService } from './referrals.service';

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly list: CaseListService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
    private readonly exports: ExportGate,
  ) {}

  @Post('cases')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'casesIntake',
    summary: 'Log an inquiry: organization, contact, case and first timeline entry in one request',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key return the same case',
  })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'IDEMPOTENCY_KEY_REUSED' })
  async intake(
    @Body() dto: IntakeDto,
    @Actor() actor: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() request: FastifyRequest,
  ): Promise<CaseDto> {
    const header = request.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' ? header : undefined;
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw validationError('Idempotency-Key', 'must be 1–200 visible ASCII characters');
    }
    const result = await this.cases.intake(dto, actor, idempotencyKey);
    if (result.replayed) {
      void reply.header('idempotent-replayed', 'true');
    }
    return result.case;
  }

  @Get('cases')
  @Allow(...CASE_READERS)
  @ApiOperation({
    operationId: 'casesList',
    summary: 'Cases in your scope, filtered, newest first, by cursor',
  })
  @ApiOkResponse({ type: CaseListDto })
  listCases(
    @Query() query: CaseQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseListDto> {
    return this.list.list(query, principal);
  }

  @Get('cases/export')
  @Allow('operator', 'desk_staff', 'manager', 'admin')
  @ApiOperation({
    operationId: 'casesExport',
    summary: 'The filtered case list as CSV for Excel (streamed, audited)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 with BOM, CRLF line ends', schema: { type: 'string' } })
  async export(
    @Query() query: CaseExportQueryDto,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { format: _format, limit: _limit, cursor: _cursor, ...filters } = query;
    const csv = await this.exports.open(actor.principal!.userId, async () => {
      await this.audit.record(actor, {
        action: 'case.exported',
        entityType: 'case',
        meta: { filters },
      });
      return this.list.exportCsv(filters, actor.principal!);
    });
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cases-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }

  @Get('cases/:id')
  @Allow(...CASE_READERS)
  @ApiOperation({
    operationId: 'casesGet',
    summary: 'One case with its organization and contact (audited)',
  })
  @ApiOkResponse({ type: CaseDto })
  get(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<CaseDto> {
    return this.cases.get(id, actor);
  }

  @Get('cases/:id/assignees')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'casesAssignees',
    summary: 'Who may take the case: the owning desk’s active operators and staff',
  })
  @ApiOkResponse({ type: AssigneeListDto })
  async assignees(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AssigneeListDto> {
    return { items: await this.cases.assignees(id, principal) };
  }

  @Patch('cases/:id')
  @Allow(...CASE_WRITERS)
  @ApiOperation({ operationId: 'casesUpdate', summary: 'Edit a case; send the version you saw' })
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'CASE_VERSION_CONFLICT, with currentVersion',
  })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateCaseDto,
    @Actor() actor: ActorContext,
  ): Promise<CaseDto> {
    return this.cases.update(id, dto, actor);
  }

  @Post('cases/:id/transitions')
  @HttpCode(200)
  @Allow(...CASE_WRITERS)
  @ApiOperation({ operationId: 'casesTransition', summary: 'Move a case along its lifecycle' })
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'CASE_TRANSITION_NOT_ALLOWED or CASE_VERSION_CONFLICT',
  })
  transition(
    @UuidParam() id: string,
    @Body() dto: TransitionDto,
    @Actor() actor: ActorContext,
  ): Promise<CaseDto> {
    return this.cases.transition(id, dto, actor);
  }

  @Get('cases/:id/events')
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'casesTimeline', summary: 'The case timeline, oldest first' })
  @ApiOkResponse({ type: CaseEventListDto })
  async timeline(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseEventListDto> {
    return { items: await this.cases.timeline(id, principal), nextCursor: null };
  }

  @Post('cases/:id/events')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'casesAddEvent',
    summary: 'Add a note, call log or email to the timeline',
  })
  @ApiCreatedResponse({ type: CaseEventDto })
  addEvent(
    @UuidParam() id: string,
    @Body() dto: CreateEventDto,
    @Actor() actor: ActorContext,
  ): Promise<CaseEventDto> {
    return this.cases.addEvent(id, dto, actor);
  }

  @Get('cases/:id/referrals')
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'casesReferrals', summary: 'Programs the case was referred to' })
  @ApiOkResponse({ type: ReferralListDto })
  async listReferrals(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralListDto> {
    return { items: await this.referrals.list(id, principal) };
  }

  @Post('cases/:id/referrals')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'casesRefer',
    summary: 'Record that the case was guided to a support program',
  })
  @ApiCreatedResponse({ type: ReferralDto })
  refer(
    @UuidParam() id: string,
    @Body() dto: CreateReferralDto,
    @Actor() actor: ActorContext,
  ): Promise<ReferralDto> {
    return this.referrals.create(id, dto, actor);
  }
}
