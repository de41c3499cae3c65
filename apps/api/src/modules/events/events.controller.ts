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
import { CASE_WRITERS } from '../cases/case-scope';
import {
  AttendanceDto,
  CreateOutreachEventDto,
  CreateRegistrationDto,
  EventDto,
  EventListDto,
  EventQueryDto,
  OpenCaseFromRegistrationDto,
  OpenedCaseDto,
  RegistrationDto,
  RegistrationListDto,
  UpdateEventDto,
} from './dto/event.dto';
import { AttendeeImportService } from './attendee-import.service';
import {
  AttendeeImportResultDto,
  ImportAttendeesDto,
  ImportQueryDto,
} from './dto/attendee-import.dto';
import { EventsService } from './events.service';

// Staff run and staff the events; experts are not part of the outreach.
export const EVENT_STAFF = ['operator', 'desk_staff', 'manager', 'admin'] as const;

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly imports: AttendeeImportService,
  ) {}

  @Get()
  @Allow(...EVENT_STAFF)
  @ApiOperation({ operationId: 'eventsList', summary: 'Events, latest first, with their counts' })
  @ApiOkResponse({ type: EventListDto })
  async list(@Query() query: EventQueryDto, @Actor() actor: ActorContext): Promise<EventListDto> {
    return { items: await this.events.list(query, actor) };
  }

  @Post()
  @Allow(...EVENT_STAFF)
  @ApiOperation({
    operationId: 'eventsCreate',
    summary: 'Create an event (audited); its fiscal year follows the start (JST)',
  })
  @ApiCreatedResponse({ type: EventDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'VALIDATION_FAILED naming the field' })
  create(@Body() dto: CreateOutreachEventDto, @Actor() actor: ActorContext): Promise<EventDto> {
    return this.events.create(dto, actor);
  }

  @Get(':id')
  @Allow(...EVENT_STAFF)
  @ApiOperation({ operationId: 'eventsGet', summary: 'One event with its counts' })
  @ApiOkResponse({ type: EventDto })
  get(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<EventDto> {
    return this.events.get(id, undefined, actor);
  }

  @Patch(':id')
  @Allow(...EVENT_STAFF)
  @ApiOperation({
    operationId: 'eventsUpdate',
    summary: 'Change an event (audited); more seats move the waiting list up',
  })
  @ApiOkResponse({ type: EventDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EVENT_VERSION_CONFLICT' })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateEventDto,
    @Actor() actor: ActorContext,
  ): Promise<EventDto> {
    return this.events.update(id, dto, actor);
  }

  @Delete(':id')
  @Allow(...EVENT_STAFF)
  @HttpCode(204)
  @ApiOperation({ operationId: 'eventsDelete', summary: 'Delete an event nobody registered for' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EVENT_HAS_REGISTRATIONS' })
  async remove(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.events.remove(id, actor);
  }

  @Get(':id/registrations')
  @Allow(...EVENT_STAFF)
  @ApiOperation({
    operationId: 'eventsRegistrations',
    summary: 'The registrations: seats first, then the waiting list in order, then cancelled',
  })
  @ApiOkResponse({ type: RegistrationListDto })
  async registrations(@UuidParam() id: string): Promise<RegistrationListDto> {
    return { items: await this.events.registrations(id) };
  }

  @Post(':id/registrations')
  @Allow(...EVENT_STAFF)
  @ApiOperation({
    operationId: 'eventsRegister',
    summary: 'Register an attendee (audited): a seat while there is one, else the waiting list',
  })
  @ApiCreatedResponse({ type: RegistrationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EVENT_REGISTRATION_EXISTS' })
  register(
    @UuidParam() id: string,
    @Body() dto: CreateRegistrationDto,
    @Actor() actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.events.register(id, dto, actor);
  }

  @Post(':id/registrations/:registrationId/cancel')
  @Allow(...EVENT_STAFF)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'eventsCancelRegistration',
    summary: 'Cancel a registration (audited); a freed seat goes to the first on the waiting list',
  })
  @ApiOkResponse({ type: RegistrationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EVENT_REGISTRATION_STATE_CONFLICT' })
  cancel(
    @UuidParam() id: string,
    @UuidParam('registrationId') registrationId: string,
    @Actor() actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.events.cancelRegistration(id, registrationId, actor);
  }

  @Post(':id/registrations/:registrationId/attendance')
  @Allow(...EVENT_STAFF)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'eventsMarkAttendance',
    summary: 'Mark an attendee attended or no-show, or clear it (audited)',
  })
  @ApiOkResponse({ type: RegistrationDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'EVENT_REGISTRATION_STATE_CONFLICT (waiting or cancelled)',
  })
  attendance(
    @UuidParam() id: string,
    @UuidParam('registrationId') registrationId: string,
    @Body() dto: AttendanceDto,
    @Actor() actor: ActorContext,
  ): Promise<RegistrationDto> {
    return this.events.markAttendance(id, registrationId, dto, actor);
  }

  @Post(':id/registrations/:registrationId/case')
  @Allow(...CASE_WRITERS)
  @ApiOperation({
    operationId: 'eventsOpenCase',
    summary: 'Open a seminar case for the attendee, linked to the registration (audited)',
  })
  @ApiCreatedResponse({ type: OpenedCaseDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'EVENT_REGISTRATION_STATE_CONFLICT (a case is already open for it, or cancelled)',
  })
  openCase(
    @UuidParam() id: string,
    @UuidParam('registrationId') registrationId: string,
    @Body() dto: OpenCaseFromRegistrationDto,
    @Actor() actor: ActorContext,
  ): Promise<OpenedCaseDto> {
    return this.events.openCase(id, registrationId, dto, actor);
  }

  @Post(':id/imports')
  @Allow(...EVENT_STAFF)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'eventsImportAttendees',
    summary: 'Import a partner’s attendee list (CSV or xlsx); dryRun=true writes nothing',
    description:
      'Headers such as 会社名, 氏名, フリガナ, 電話番号, メールアドレス, 従業員数, 所在地 (and 法人番号) are mapped by name; ' +
      '`mapping` overrides a field’s column. Each row is create (a new organization), match (one on file, by a ' +
      'contact’s address or intake’s duplicate rules) or reject with its reasons. A commit applies the same ' +
      'decisions in one transaction; a bad row never stops the others.',
  })
  @ApiOkResponse({ type: AttendeeImportResultDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description:
      'VALIDATION_FAILED naming contentBase64 (unreadable, empty, too many rows) or mapping.*',
  })
  importAttendees(
    @UuidParam() id: string,
    @Query() query: ImportQueryDto,
    @Body() dto: ImportAttendeesDto,
    @Actor() actor: ActorContext,
  ): Promise<AttendeeImportResultDto> {
    return this.imports.import(id, dto, query.dryRun ?? false, actor);
  }
}
