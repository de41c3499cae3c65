import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, stdSerializers } from 'pino';
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

// A path segment that is a long random token (a calendar-feed key, a survey or reset link) is a
// secret: ids we mint are UUIDs, which stay so that a request can be traced, and route words
// (`session-allowance-grants`) have no digits and are shorter than a token.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}(\.[a-z]{2,5})?$/;

/** The path of a request as it may be logged: no query string, no secret segments. */
export function loggablePath(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) =>
      TOKEN_LIKE.test(segment) &&
      (/\d/.test(segment) || segment.length >= 32) &&
      !UUID.test(segment)
        ? '[redacted]'
        : segment,
    )
    .join('/');
}

// What a database error may keep: which statement and constraint failed, never the values.
const DRIVER_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'routine'] as const;

/**
 * Errors as logged: TypeORM's QueryFailedError carries the statement's parameters, and
 * PostgreSQL's `detail` quotes the offending values (`Key (email)=(…) already exists`) — both are
 * personal data. The statement text stays: it is ours and has placeholders.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const serialized: Record<string, unknown> = {
    ...stdSerializers.err(error as Error),
  };
  delete serialized.parameters;
  delete serialized.detail;
  delete serialized.where;
  const driver = (error as { driverError?: Record<string, unknown> }).driverError;
  if (driver && typeof driver === 'object') {
    serialized.driverError = Object.fromEntries(
      DRIVER_FIELDS.filter((k) => driver[k] !== undefined).map((k) => [k, driver[k]]),
    );
  }
  return serialized;
}

/** `destination`: where the log lines go (stdout unless given; the tests read them back). */
export function loggerOptions(settings: Settings, destination?: DestinationStream): Params {
  const options: Params['pinoHttp'] & object = {
    level: settings.logLevel,
    // Fastify assigns the id (see createApp); pino-http reuses it.
    genReqId: requestId,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Query strings can carry search terms such as phone numbers: log the path only.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url),
      }),
      err: loggableError,
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Probes every few seconds would drown the log. Middleware may see a rewritten url: use the original.
    autoLogging: {
      ignore: (req) =>
        ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/api/health/'),
    },
    transport:
      settings.logPretty && !destination
        ? { target: 'pino-pretty', options: { singleLine: true } }
        : undefined,
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // Named wildcard (path-to-regexp 8 syntax), so Nest needs no legacy-route conversion.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  };
}
