import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { Settings } from '../../config/settings';

// Contact details are personal information: never let them reach a log line.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  'email',
  '*.email',
  'phone',
  '*.phone',
  '*.contact',
  '*.contactName',
  '*.name',
  '*.nameKana',
  '*.address',
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a well-formed incoming X-Request-Id (from a proxy), otherwise mints one. */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function loggerOptions(settings: Settings): Params {
  return {
    pinoHttp: {
      level: settings.logLevel,
      // Fastify assigns the id (see createApp); pino-http reuses it.
      genReqId: requestId,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Query strings can carry search terms such as phone numbers: log the path only.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Probes every few seconds would drown the log. Middleware may see a rewritten url: use the original.
      autoLogging: {
        ignore: (req) =>
          ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith(
            '/api/health/',
          ),
      },
      transport: settings.logPretty
        ? { target: 'pino-pretty', options: { singleLine: true } }
        : undefined,
    },
    // Named wildcard (path-to-regexp 8 syntax), so Nest needs no legacy-route conversion.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  };
}
