import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from '../errors/error-mapper';
import type { SpaFallback } from '../http/spa-fallback';
import { loggablePath } from '../logging/logger.options';

/** The single place where failures become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly spa: SpaFallback | null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, unexpected } = mapError(exception);

    if (body.code === 'NOT_FOUND') {
      // Client-side routes of the console (e.g. /cases/42) are served its index.html.
      if (this.spa?.handles(request)) {
        void this.spa.send(reply);
        return;
      }
    }
    if (unexpected !== undefined) {
      this.logger.error(
        {
          err: unexpected,
          errorId: body.errorId,
          method: request.method,
          path: loggablePath(request.url),
        },
        `Unhandled error ${body.errorId}`,
      );
    }
    if (typeof body.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(body.retryAfterSeconds));
    }
    void reply.status(body.statusCode).send(body);
  }
}
