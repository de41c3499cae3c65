import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** Who acts, from where: what every audited change records. */
export interface ActorContext {
  principal: Principal | null;
  ip: string | null;
  requestId: string;
  userAgent: string | null;
}

export function actorContextOf(request: FastifyRequest): ActorContext {
  const agent = request.headers['user-agent'];
  return {
    principal: request.principal ?? null,
    ip: request.ip || null,
    requestId: String(request.id),
    userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
  };
}

export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): ActorContext =>
  actorContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
