import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
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
import { CASE_READERS } from './case-scope';
import {
  CreateReferralProgramDto,
  ReferralProgramDto,
  ReferralProgramListDto,
  ReferralProgramQueryDto,
  UpdateReferralProgramDto,
} from './dto/referral.dto';
import { CreateSavedViewDto, SavedViewDto, SavedViewListDto } from './dto/saved-view.dto';
import { ReferralsService } from './referrals.service';
import { SavedViewsService } from './saved-views.service';

/** The referral catalogue as admins maintain it, and each user's saved case-list views. */
@ApiTags('cases')
@Controller()
export class CatalogueController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly views: SavedViewsService,
  ) {}

  @Get('referral-programs')
  @Allow('operator', 'desk_staff', 'manager', 'admin')
  @ApiOperation({
    operationId: 'referralProgramsList',
    summary: 'The referral catalogue: active programs, or all of them for admins editing it',
  })
  @ApiOkResponse({ type: ReferralProgramListDto })
  async programs(@Query() query: ReferralProgramQueryDto): Promise<ReferralProgramListDto> {
    return {
      items: await this.referrals.programs(query.fiscalYear, query.includeInactive === 'true'),
    };
  }

  @Post('referral-programs')
  @Allow('admin')
  @ApiOperation({
    operationId: 'referralProgramsCreate',
    summary: "Add a program, or a new fiscal year's terms of an existing code (audited)",
  })
  @ApiCreatedResponse({ type: ReferralProgramDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'REFERRAL_PROGRAM_EXISTS' })
  createProgram(
    @Body() dto: CreateReferralProgramDto,
    @Actor() actor: ActorContext,
  ): Promise<ReferralProgramDto> {
    return this.referrals.createProgram(dto, actor);
  }

  @Patch('referral-programs/:id')
  @Allow('admin')
  @ApiOperation({
    operationId: 'referralProgramsUpdate',
    summary: 'Edit or retire a program version (audited)',
  })
  @ApiOkResponse({ type: ReferralProgramDto })
  updateProgram(
    @UuidParam() id: string,
    @Body() dto: UpdateReferralProgramDto,
    @Actor() actor: ActorContext,
  ): Promise<ReferralProgramDto> {
    return this.referrals.updateProgram(id, dto, actor);
  }

  @Get('saved-views')
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'savedViewsList', summary: 'My saved case-list views' })
  @ApiOkResponse({ type: SavedViewListDto })
  async listViews(@CurrentPrincipal() principal: Principal): Promise<SavedViewListDto> {
    return { items: await this.views.list(principal) };
  }

  @Post('saved-views')
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'savedViewsCreate', summary: 'Save the current filters by name' })
  @ApiCreatedResponse({ type: SavedViewDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SAVED_VIEW_NAME_TAKEN' })
  createView(
    @Body() dto: CreateSavedViewDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SavedViewDto> {
    return this.views.create(dto, principal);
  }

  @Delete('saved-views/:id')
  @Allow(...CASE_READERS)
  @HttpCode(204)
  @ApiOperation({ operationId: 'savedViewsDelete', summary: 'Delete one of my saved views' })
  @ApiNoContentResponse()
  async deleteView(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.views.remove(id, principal);
  }
}
