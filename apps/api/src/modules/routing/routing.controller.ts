import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow, SignedIn } from '../../common/auth/policy';
import { validationError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CreateRoutingRuleDto,
  RoutingRuleDto,
  RoutingRuleListDto,
  SlaPolicyDto,
  SlaPolicyListDto,
  UpdateRoutingRuleDto,
  UpdateSlaPolicyDto,
} from './dto/routing.dto';
import { RoutingService } from './routing.service';
import { SlaService } from './sla.service';

const CHANNELS = new Set(['phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral']);

@ApiTags('routing')
@Controller()
export class RoutingController {
  constructor(
    private readonly routing: RoutingService,
    private readonly sla: SlaService,
  ) {}

  @Get('routing-rules')
  @Allow('admin', 'manager')
  @ApiOperation({
    operationId: 'routingRulesList',
    summary: 'Routing rules in the order they are tried',
  })
  @ApiOkResponse({ type: RoutingRuleListDto })
  async list(): Promise<RoutingRuleListDto> {
    return { items: await this.routing.list() };
  }

  @Post('routing-rules')
  @Allow('admin')
  @ApiOperation({ operationId: 'routingRulesCreate', summary: 'Add a routing rule (audited)' })
  @ApiCreatedResponse({ type: RoutingRuleDto })
  create(@Body() dto: CreateRoutingRuleDto, @Actor() actor: ActorContext): Promise<RoutingRuleDto> {
    return this.routing.create(dto, actor);
  }

  @Patch('routing-rules/:id')
  @Allow('admin')
  @ApiOperation({
    operationId: 'routingRulesUpdate',
    summary: 'Edit a rule; send the version you saw',
  })
  @ApiOkResponse({ type: RoutingRuleDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'ROUTING_RULE_VERSION_CONFLICT' })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateRoutingRuleDto,
    @Actor() actor: ActorContext,
  ): Promise<RoutingRuleDto> {
    return this.routing.update(id, dto, actor);
  }

  @Delete('routing-rules/:id')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'routingRulesDelete', summary: 'Delete a rule (audited)' })
  @ApiNoContentResponse()
  async remove(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.routing.remove(id, actor);
  }

  @Get('sla-policies')
  @SignedIn()
  @ApiOperation({
    operationId: 'slaPoliciesList',
    summary: 'First-response and resolution targets per channel',
  })
  @ApiOkResponse({ type: SlaPolicyListDto })
  async policies(): Promise<SlaPolicyListDto> {
    return { items: await this.sla.list() };
  }

  @Patch('sla-policies/:channel')
  @Allow('admin')
  @ApiOperation({
    operationId: 'slaPoliciesUpdate',
    summary: 'Change a channel’s targets (applies to cases received afterwards; audited)',
  })
  @ApiOkResponse({ type: SlaPolicyDto })
  updatePolicy(
    @Param('channel') channel: string,
    @Body() dto: UpdateSlaPolicyDto,
    @Actor() actor: ActorContext,
  ): Promise<SlaPolicyDto> {
    if (!CHANNELS.has(channel)) {
      throw validationError('channel', 'must be a channel');
    }
    return this.sla.update(channel, dto, actor);
  }
}
