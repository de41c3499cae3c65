import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CompleteFollowUpDto,
  CreateFollowUpDto,
  FollowUpDto,
  FollowUpListDto,
  FollowUpQueryDto,
  RescheduleFollowUpDto,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

const READERS = ['operator', 'desk_staff', 'manager', 'admin'] as const;
const WRITERS = ['operator', 'desk_staff'] as const;

class VersionDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

@ApiTags('follow-ups')
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('follow-ups')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'followUpsList',
    summary: 'Follow-ups in your scope, soonest first (open by default)',
  })
  @ApiOkResponse({ type: FollowUpListDto })
  async list(
    @Query() query: FollowUpQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpListDto> {
    return { items: await this.followUps.list(query, principal) };
  }

  @Get('cases/:id/follow-ups')
  @Allow(...READERS)
  @ApiOperation({ operationId: 'casesFollowUps', summary: 'All follow-ups of a case' })
  @ApiOkResponse({ type: FollowUpListDto })
  async forCase(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpListDto> {
    return { items: await this.followUps.forCase(id, principal) };
  }

  @Post('cases/:id/follow-ups')
  @Allow(...WRITERS)
  @ApiOperation({
    operationId: 'casesAddFollowUp',
    summary: 'Plan a follow-up by date or in N business days',
  })
  @ApiCreatedResponse({ type: FollowUpDto })
  create(
    @UuidParam() id: string,
    @Body() dto: CreateFollowUpDto,
    @Actor() actor: ActorContext,
  ): Promise<FollowUpDto> {
    return this.followUps.create(id, dto, actor);
  }

  @Post('follow-ups/:id/reschedule')
  @Allow(...WRITERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'followUpsReschedule', summary: 'Move an open follow-up' })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'FOLLOW_UP_STATE_CONFLICT' })
  reschedule(
    @UuidParam() id: string,
    @Body() dto: RescheduleFollowUpDto,
    @Actor() actor: ActorContext,
  ): Promise<FollowUpDto> {
    return this.followUps.reschedule(id, dto, actor);
  }

  @Post('follow-ups/:id/complete')
  @Allow(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'followUpsComplete',
    summary: 'Record the result (outcome checks: adopted? subsidy applied?)',
  })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'FOLLOW_UP_STATE_CONFLICT' })
  complete(
    @UuidParam() id: string,
    @Body() dto: CompleteFollowUpDto,
    @Actor() actor: ActorContext,
  ): Promise<FollowUpDto> {
    return this.followUps.complete(id, dto, actor);
  }

  @Post('follow-ups/:id/cancel')
  @Allow(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'followUpsCancel',
    summary: 'Drop a follow-up that is no longer needed',
  })
  @ApiOkResponse({ type: FollowUpDto })
  cancel(
    @UuidParam() id: string,
    @Body() dto: VersionDto,
    @Actor() actor: ActorContext,
  ): Promise<FollowUpDto> {
    return this.followUps.cancel(id, dto.version, actor);
  }
}
