import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow, SignedIn } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { SessionGrantDto } from '../organizations/dto/organization.dto';
import { AllowanceService } from './allowance.service';
import {
  CreateSessionGrantDto,
  SessionSettingsDto,
  UpdateSessionSettingsDto,
} from './dto/allowance.dto';

/** The free-session allowance: the program's terms (admins) and exceptions to them (managers). */
@ApiTags('sessions')
@Controller()
export class AllowanceController {
  constructor(private readonly allowance: AllowanceService) {}

  @Get('settings/sessions')
  @SignedIn()
  @ApiOperation({
    operationId: 'settingsSessionsGet',
    summary: 'The free-session limit and whether it is per lifetime or per fiscal year',
  })
  @ApiOkResponse({ type: SessionSettingsDto })
  settings(): Promise<SessionSettingsDto> {
    return this.allowance.settings();
  }

  @Patch('settings/sessions')
  @Allow('admin')
  @ApiOperation({
    operationId: 'settingsSessionsUpdate',
    summary: 'Change the session limit or period; send the version you saw (admin, audited)',
  })
  @ApiOkResponse({ type: SessionSettingsDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'PROGRAM_SETTINGS_VERSION_CONFLICT' })
  updateSettings(
    @Body() dto: UpdateSessionSettingsDto,
    @Actor() actor: ActorContext,
  ): Promise<SessionSettingsDto> {
    return this.allowance.updateSettings(dto, actor);
  }

  @Post('organizations/:id/session-grants')
  @Allow('manager')
  @ApiOperation({
    operationId: 'organizationsGrantSession',
    summary: 'Grant the organization one more free session, with the reason (manager, audited)',
  })
  @ApiCreatedResponse({ type: SessionGrantDto })
  grant(
    @UuidParam() id: string,
    @Body() dto: CreateSessionGrantDto,
    @Actor() actor: ActorContext,
  ): Promise<SessionGrantDto> {
    return this.allowance.grant(id, dto, actor);
  }
}
