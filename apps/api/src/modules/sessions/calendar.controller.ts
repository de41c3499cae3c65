import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow, Public } from '../../common/auth/policy';
import { AppError } from '../../common/errors/app-error';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { CalendarService } from './calendar.service';
import { CalendarTokenDto } from './dto/calendar.dto';

@ApiTags('sessions')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('experts/:id/calendar-token')
  @Allow('expert', 'admin')
  @ApiOperation({
    operationId: 'expertsIssueCalendarFeed',
    summary: 'A private calendar-feed URL of the expert’s sessions; replaces any earlier one',
    description: 'The expert themself, or an admin. The URL is shown only in this answer.',
  })
  @ApiCreatedResponse({ type: CalendarTokenDto })
  issue(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<CalendarTokenDto> {
    return this.calendar.issue(id, actor);
  }

  @Delete('experts/:id/calendar-token')
  @HttpCode(204)
  @Allow('expert', 'admin')
  @ApiOperation({
    operationId: 'expertsRevokeCalendarFeed',
    summary: 'Stop the expert’s calendar-feed URL at once',
  })
  @ApiNoContentResponse()
  revoke(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<void> {
    return this.calendar.revoke(id, actor);
  }

  @Get('calendar/:file')
  @Public()
  @ApiOperation({
    operationId: 'calendarFeed',
    summary: 'An expert’s non-cancelled sessions as iCalendar (the token in the URL is the key)',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar; charset=utf-8', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown or revoked token' })
  async feed(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const body = await this.calendar.feed(file);
    if (body === null) {
      throw new AppError('NOT_FOUND', 'No such calendar.');
    }
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      // The token is in the URL: keep it out of Referer headers should the file link anywhere.
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}
