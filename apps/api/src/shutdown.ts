import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Draining } from './common/lifecycle/draining';
import type { Settings } from './config/settings';

/**
 * The orderly stop main.ts runs on SIGTERM, kept apart so the e2e tests drive the same steps:
 * answer 503 to readiness and to requests on open connections at once, stop taking new
 * connections, give running downloads their own grace and cut off the ones still streaming, then
 * close (in-flight requests finish, jobs stop, pools end).
 *
 * The listening socket closes at once (Node closes the idle keep-alive connections with it): a
 * proxy that only learns from failures, like nginx, then meets a refused connection, which it
 * retries on another instance whatever the method, since nothing was sent. A 503 it would pass on
 * to the client for a POST. (Behind a balancer that still sends new connections for a while after
 * the signal, such as a Kubernetes Service, delay the signal with a preStop sleep as usual.)
 */
export async function shutDown(app: INestApplication, settings: Settings): Promise<void> {
  const drained = app.get(Draining).drain(settings.exports.shutdownGraceMs);
  const server = app.getHttpServer() as Server;
  if (server.listening) {
    // Its callback waits for every connection; `app.close()` below does that waiting.
    server.close(() => undefined);
  }
  await drained;
  await app.close();
}
