import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, tap } from 'rxjs';
import { dataAsOfSlot } from './data-as-of';

/**
 * Answers `X-Data-As-Of` (the instant the data read reflects) on reporting routes, downloads
 * included: a report from a replica that is behind must say so.
 */
@Injectable()
export class DataAsOfInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const slot: { asOf?: Date } = {};
    return new Observable((subscriber) =>
      // The handler runs when subscribed to: inside the slot, so whatever it reads can note it.
      dataAsOfSlot.run(slot, () =>
        next
          .handle()
          .pipe(
            tap(() => {
              if (slot.asOf) {
                void reply.header('x-data-as-of', slot.asOf.toISOString());
              }
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
