import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { MergeOrganizationDto, MergeResultDto } from './dto/merge.dto';
import { OrganizationMergeService } from './organization-merge.service';

@ApiTags('organizations')
@Controller()
export class OrganizationMergeController {
  constructor(private readonly merges: OrganizationMergeService) {}

  @Post('organizations/:id/merge')
  // Merging rewrites history across desks, so it is for the national center and managers.
  @Allow('operator', 'manager')
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
