import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/policy';
import { safeEqual } from '../../common/auth/secrets';
import { AppError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Not a staff route: it answers only with the METRICS_TOKEN as a
 * bearer token (Prometheus' `authorization` setting), and does not exist without one.
 */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = this.settings.metricsToken;
    if (!token) {
      throw new AppError('NOT_FOUND', 'Metrics are off (set METRICS_TOKEN).');
    }
    const [scheme, given] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !given || !safeEqual(given, token)) {
      throw new AppError('UNAUTHENTICATED', 'The metrics token is missing or wrong.');
    }
    await reply
      .header('content-type', this.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.registry.metrics());
  }
}
