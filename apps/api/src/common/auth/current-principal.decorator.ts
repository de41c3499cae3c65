import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import type { Principal } from './principal';

/** The signed-in principal; only on routes whose policy requires sign-in. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) {
      throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    }
    return principal;
  },
);
