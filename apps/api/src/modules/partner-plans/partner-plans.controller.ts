import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CreatePartnerPlanActivityDto,
  LinkEventDto,
  LinkReferralDto,
  PartnerPlanActivityDetailDto,
  PartnerPlanActivityListDto,
  PartnerPlanQueryDto,
  ReferralCandidateListDto,
  ReferralCandidateQueryDto,
  UpdatePartnerPlanActivityDto,
} from './dto/partner-plan.dto';
import { PartnerPlansService } from './partner-plans.service';

// Staff read the plans (they say what a partner promised); managers and admins keep them.
const PLAN_READERS = ['operator', 'desk_staff', 'manager', 'admin'] as const;
const PLAN_WRITERS = ['manager', 'admin'] as const;

@ApiTags('partner-plans')
@Controller('partner-plans')
export class PartnerPlansController {
  constructor(private readonly plans: PartnerPlansService) {}

  @Get('activities')
  @Allow(...PLAN_READERS)
  @ApiOperation({
    operationId: 'partnerPlansList',
    summary: 'Plan activities per fiscal year and party, with recorded and linked figures',
  })
  @ApiOkResponse({ type: PartnerPlanActivityListDto })
  async list(@Query() query: PartnerPlanQueryDto): Promise<PartnerPlanActivityListDto> {
    return { items: await this.plans.list(query) };
  }

  @Post('activities')
  @Allow(...PLAN_WRITERS)
  @ApiOperation({ operationId: 'partnerPlansCreate', summary: 'Record a plan activity (audited)' })
  @ApiCreatedResponse({ type: PartnerPlanActivityDetailDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'VALIDATION_FAILED naming the field' })
  create(
    @Body() dto: CreatePartnerPlanActivityDto,
    @Actor() actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.plans.create(dto, actor);
  }

  @Get('referral-candidates')
  @Allow(...PLAN_WRITERS)
  @ApiOperation({
    operationId: 'partnerPlansReferralCandidates',
    summary: 'Case referrals made in a fiscal year, to link to an activity (latest 500)',
  })
  @ApiOkResponse({ type: ReferralCandidateListDto })
  async referralCandidates(
    @Query() query: ReferralCandidateQueryDto,
  ): Promise<ReferralCandidateListDto> {
    return { items: await this.plans.referralCandidates(query.fiscalYear) };
  }

  @Get('activities/:id')
  @Allow(...PLAN_READERS)
  @ApiOperation({
    operationId: 'partnerPlansGet',
    summary: 'One activity with its linked events and referrals',
  })
  @ApiOkResponse({ type: PartnerPlanActivityDetailDto })
  get(@UuidParam() id: string): Promise<PartnerPlanActivityDetailDto> {
    return this.plans.get(id);
  }

  @Patch('activities/:id')
  @Allow(...PLAN_WRITERS)
  @ApiOperation({
    operationId: 'partnerPlansUpdate',
    summary: 'Change an activity, e.g. its achieved figure (audited)',
  })
  @ApiOkResponse({ type: PartnerPlanActivityDetailDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'PARTNER_PLAN_VERSION_CONFLICT' })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdatePartnerPlanActivityDto,
    @Actor() actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.plans.update(id, dto, actor);
  }

  @Delete('activities/:id')
  @Allow(...PLAN_WRITERS)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'partnerPlansDelete',
    summary: 'Delete an activity and its links (audited)',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.plans.remove(id, actor);
  }

  @Post('activities/:id/events')
  @Allow(...PLAN_WRITERS)
  @ApiOperation({
    operationId: 'partnerPlansLinkEvent',
    summary: 'Link an event of the same fiscal year to the activity (audited)',
  })
  @ApiCreatedResponse({ type: PartnerPlanActivityDetailDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'PARTNER_PLAN_LINK_EXISTS' })
  linkEvent(
    @UuidParam() id: string,
    @Body() dto: LinkEventDto,
    @Actor() actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.plans.linkEvent(id, dto.eventId, actor);
  }

  @Delete('activities/:id/events/:eventId')
  @Allow(...PLAN_WRITERS)
  @HttpCode(204)
  @ApiOperation({ operationId: 'partnerPlansUnlinkEvent', summary: 'Unlink an event (audited)' })
  @ApiNoContentResponse({ description: 'Unlinked' })
  async unlinkEvent(
    @UuidParam() id: string,
    @UuidParam('eventId') eventId: string,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    await this.plans.unlinkEvent(id, eventId, actor);
  }

  @Post('activities/:id/referrals')
  @Allow(...PLAN_WRITERS)
  @ApiOperation({
    operationId: 'partnerPlansLinkReferral',
    summary: 'Link a case referral made in the same fiscal year (audited)',
  })
  @ApiCreatedResponse({ type: PartnerPlanActivityDetailDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'PARTNER_PLAN_LINK_EXISTS' })
  linkReferral(
    @UuidParam() id: string,
    @Body() dto: LinkReferralDto,
    @Actor() actor: ActorContext,
  ): Promise<PartnerPlanActivityDetailDto> {
    return this.plans.linkReferral(id, dto.referralId, actor);
  }

  @Delete('activities/:id/referrals/:referralId')
  @Allow(...PLAN_WRITERS)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'partnerPlansUnlinkReferral',
    summary: 'Unlink a case referral (audited)',
  })
  @ApiNoContentResponse({ description: 'Unlinked' })
  async unlinkReferral(
    @UuidParam() id: string,
    @UuidParam('referralId') referralId: string,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    await this.plans.unlinkReferral(id, referralId, actor);
  }
}
