import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CopyReferralYearDto,
  CopyReferralYearResultDto,
  CreateReferralProgramDto,
  ReferralProgramDto,
  ReferralProgramListDto,
  ReferralProgramQueryDto,
  UpdateReferralProgramDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

/** The referral catalogue (programs a case can be referred to) as admins maintain it. */
@ApiTags('cases')
@Controller()
export class CatalogueController {
  constructor(private readonly referrals: ReferralsService) {}

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

  @Post('referral-programs/copy-year')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'referralProgramsCopyYear',
    summary: "Copy a fiscal year's active programs forward into another year (audited)",
    description:
      'A target year that already has programs answers 409 REFERRAL_YEAR_NOT_EMPTY unless ' +
      '`merge` is true, which adds only the codes it lacks; running it again adds nothing.',
  })
  @ApiOkResponse({ type: CopyReferralYearResultDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'REFERRAL_YEAR_NOT_EMPTY' })
  copyYear(
    @Body() dto: CopyReferralYearDto,
    @Actor() actor: ActorContext,
  ): Promise<CopyReferralYearResultDto> {
    return this.referrals.copyYear(dto, actor);
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
}
