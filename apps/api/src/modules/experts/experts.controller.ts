import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
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
import { AppError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CreateExpertDto,
  ExpertDto,
  ExpertListDto,
  ExpertQueryDto,
  UpdateExpertDto,
} from './dto/expert.dto';
import { ExpertsService } from './experts.service';

// The desks pick experts for cases; managers watch their load; admins keep the roster.
export const EXPERT_READERS = ['operator', 'desk_staff', 'manager', 'admin'] as const;

@ApiTags('experts')
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @Get()
  @Allow(...EXPERT_READERS)
  @ApiOperation({
    operationId: 'expertsList',
    summary: 'Telework managers, filtered by topic, prefecture, active and name',
  })
  @ApiOkResponse({ type: ExpertListDto })
  async list(@Query() query: ExpertQueryDto): Promise<ExpertListDto> {
    return { items: await this.experts.list(query) };
  }

  @Get('me')
  @Allow('expert')
  @ApiOperation({ operationId: 'expertsMe', summary: 'The signed-in expert’s own profile' })
  @ApiOkResponse({ type: ExpertDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<ExpertDto> {
    const id = await this.experts.profileIdOfUser(principal.userId);
    if (!id) {
      throw new AppError('NOT_FOUND', 'No expert profile yet; an admin creates it.');
    }
    return this.experts.get(id);
  }

  @Get(':id')
  @Allow(...EXPERT_READERS)
  @ApiOperation({ operationId: 'expertsGet', summary: 'One expert profile' })
  @ApiOkResponse({ type: ExpertDto })
  get(@UuidParam() id: string): Promise<ExpertDto> {
    return this.experts.get(id);
  }

  @Post()
  @Allow('admin')
  @ApiOperation({
    operationId: 'expertsCreate',
    summary: 'Create the profile of a user with the expert role (admin, audited)',
  })
  @ApiCreatedResponse({ type: ExpertDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'EXPERT_PROFILE_EXISTS, with existingId',
  })
  create(@Body() dto: CreateExpertDto, @Actor() actor: ActorContext): Promise<ExpertDto> {
    return this.experts.create(dto, actor);
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    operationId: 'expertsUpdate',
    summary: 'Edit or deactivate an expert profile; send the version you saw (admin, audited)',
  })
  @ApiOkResponse({ type: ExpertDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EXPERT_VERSION_CONFLICT' })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateExpertDto,
    @Actor() actor: ActorContext,
  ): Promise<ExpertDto> {
    return this.experts.update(id, dto, actor);
  }
}
