import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { UuidParam } from '../../common/http/uuid-param';
import { CASE_READERS } from '../cases/case-scope';
import { PresenceService } from './presence.service';

@ApiTags('cases')
@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('cases/:id/presence')
  @Allow(...CASE_READERS)
  @ApiOperation({
    operationId: 'casesPresence',
    summary: 'Server-sent events: who else has this case open right now, and when it changes',
    description:
      'An event-stream. Each `presence` event carries a JSON array [{ userId, name }] of the other ' +
      'viewers, sent when it changes; a `case` event carries { version } when the case was ' +
      'saved by anyone since the stream opened; comment lines keep the connection alive.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string' } })
  async stream(
    @UuidParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Checked before taking over the response, so an out-of-scope case answers a normal 404.
    await this.presence.assertVisible(id, principal);
    reply.hijack();
    await this.presence.stream(id, principal, reply.raw);
  }
}
