import type { INestApplication } from '@nestjs/common';
import { Draining } from './common/lifecycle/draining';
import type { Settings } from './config/settings';

/**
 * The orderly stop main.ts runs on SIGTERM, kept apart so the e2e tests drive the same steps:
 * answer 503 to readiness and new requests at once, give running downloads their own grace and
 * cut off the ones still streaming, then close (in-flight requests finish, jobs stop, pools end).
 */
export async function shutDown(app: INestApplication, settings: Settings): Promise<void> {
  await app.get(Draining).drain(settings.exports.shutdownGraceMs);
  await app.close();
}
