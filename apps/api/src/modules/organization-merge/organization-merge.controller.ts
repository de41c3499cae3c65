import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  MergeOrganizationDto,
  MergePreviewDto,
  MergePreviewQueryDto,
  MergeResultDto,
} from './dto/merge.dto';
import { OrganizationMergeService } from './organization-merge.service';

// Merging rewrites history across desks, so it is for the national center and managers.
const MERGERS = ['operator', 'manager'] as const;

@ApiTags('organizations')
@Controller()
export class OrganizationMergeController {
  constructor(private readonly merges: OrganizationMergeService) {}

  @Get('organizations/:id/merge-preview')
  @Allow(...MERGERS)
  @ApiOperation({
    operationId: 'organizationsMergePreview',
    summary: 'What merging this organization into another would move, and the allowance after',
    description:
      'Nothing changes. `overAllowance` says the merged organization would have used more free sessions than it is allowed.',
  })
  @ApiOkResponse({ type: MergePreviewDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'into is missing, the same or merged' })
  preview(@UuidParam() id: string, @Query() query: MergePreviewQueryDto): Promise<MergePreviewDto> {
    return this.merges.preview(id, query.into);
  }

  @Post('organizations/:id/merge')
  @Allow(...MERGERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'organizationsMerge',
    summary: 'Fold a duplicate into this organization: contacts, cases and sessions move (audited)',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'ORGANIZATION_VERSION_CONFLICT' })
  merge(
    @UuidParam() id: string,
    @Body() dto: MergeOrganizationDto,
    @Actor() actor: ActorContext,
  ): Promise<MergeResultDto> {
    return this.merges.merge(id, dto, actor);
  }
}
