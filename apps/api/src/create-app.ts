import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { AppError, type ErrorBody, type FieldError } from './common/errors/app-error';
import { Draining } from './common/lifecycle/draining';
import { StaffLoad } from './common/lifecycle/staff-load';
import { MetricsService } from './modules/metrics/metrics.service';
import { findUnsafeInput } from './common/http/unsafe-input';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { requestId } from './common/logging/logger.options';
import { SpaFallback } from './common/http/spa-fallback';
import { createValidationPipe } from './common/http/validation';
import type { Settings } from './config/settings';
import { EVENT_CANCEL_POST_PREFIX, EVENT_POST_PREFIX } from './modules/events/event-page';
import { INQUIRY_POST_PATH } from './modules/public-inquiries/inquiry-page';
import { textsFor } from './modules/public-inquiries/inquiry-texts';
import { PublicInquiriesService } from './modules/public-inquiries/public-inquiries.service';
import { SURVEY_POST_PREFIX } from './modules/surveys/survey-page';
import { buildOpenApiDocument } from './openapi';

const unsafeInputError = (field: FieldError): AppError =>
  new AppError('VALIDATION_FAILED', `${field.field}: ${field.message}`, [field]);

export const API_PREFIX = 'api';

/**
 * Builds the whole HTTP application. Used by main.ts and by the e2e tests alike,
 * so the tests exercise the same pipes, filters and limits as production.
 */
export async function createApp(
  settings: Settings,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestId,
    trustProxy: settings.trustProxy,
    // Requests arriving while shutting down get a 503 instead of hanging.
    return503OnClosing: true,
    // Keep-alive sockets would otherwise hold the process open after close().
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings, options),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
      // JSON parsing is set up below, so that its failures carry our error code.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // The public pages are pages, not endpoints: the inquiry form at /inquiry, the survey at
  // /survey, an event's registration at /event/:id and its cancellation at /event-cancel/:token.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'inquiry', method: RequestMethod.GET },
      { path: 'inquiry/assets/:name', method: RequestMethod.GET },
      { path: 'survey/:token', method: RequestMethod.GET },
      { path: 'survey/:token/opt-out', method: RequestMethod.GET },
      { path: 'event/:id', method: RequestMethod.GET },
      { path: 'event-cancel/:token', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());

  const consoleDir =
    settings.consoleDir && existsSync(join(settings.consoleDir, 'index.html'))
      ? settings.consoleDir
      : null;
  const spa = consoleDir ? new SpaFallback(consoleDir) : null;
  app.useGlobalFilters(new AllExceptionsFilter(spa));

  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  // Security headers on every response, the console and the API docs included. Scripts only from
  // this origin (the console is built with no inline script); styles may be inline because
  // Mantine and the API docs set them so. Nothing may frame the console.
  // Built once: the Fastify plugin rebuilt helmet's middleware for every request (5–7 µs each,
  // docs/benchmarks.md), for per-route options this application does not use.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(settings.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HTTPS only where it is served over HTTPS: a local or test server speaks plain HTTP.
    hsts: settings.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // A page that needs another policy (the public forms) sets its own header over this one.
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, () => done()),
  );
  // Clients and support staff can quote this id; the same id is on every log line of the request.
  const draining = app.get(Draining);
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => metrics.observe(request, reply));
  // Requests in flight, which streaming exports step aside for, counted from Fastify's hooks. Not
  // from a listener on the raw response's 'close', which this did before: in this application
  // that listener kept every request's objects alive through two young-generation collections
  // (about 7 KB promoted per request, collections of ~9 ms instead of ~2; docs/benchmarks.md,
  // stop 33). A closure over the reply kept in StaffLoad did the same, so the count holds nothing
  // of the request.
  const staffLoad = app.get(StaffLoad);
  const ends = new WeakMap<FastifyRequest, () => void>();
  const end = (request: FastifyRequest) => ends.get(request)?.();
  fastify.addHook('onRequest', (request, _reply, done) => {
    ends.set(request, staffLoad.begin());
    done();
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    end(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    end(request);
    done();
  });
  // An answer for a client that has already left is never finished, so onResponse never comes.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.raw.destroyed) {
      end(request);
    }
    done(null, payload);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Shutting down: readiness and requests that still arrive on an open connection answer 503
    // at once (new connections are refused, see shutdown.ts); requests already inside run to
    // their end.
    if (draining.active) {
      return reply
        .code(503)
        .header('retry-after', '5')
        .header('connection', 'close')
        .send({
          statusCode: 503,
          code: 'SHUTTING_DOWN',
          message: 'This instance is shutting down; retry the request.',
        } satisfies ErrorBody);
    }
  });
  // A response that ends while this instance drains closes its connection, so a proxy's pooled
  // keep-alive connection never carries a new request here.
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining.active) {
      void reply.header('connection', 'close');
    }
  });
  // A flood from an address the shared count already refused is answered here, before its body
  // is parsed and before Nest's guards, pipes and filters: each junk request then costs a map
  // lookup, and the staff's requests keep the CPU. Form posts still go through (the page they get
  // back must keep what a person typed); a bot posting JSON gets the same 429 as from the route.
  const inquiries = app.get(PublicInquiriesService);
  fastify.addHook('onRequest', async (request, reply) => {
    if (
      request.method !== 'POST' ||
      request.url !== INQUIRY_POST_PATH ||
      (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ) {
      return;
    }
    const seconds = inquiries.blockedSeconds(request.ip);
    if (seconds === null) {
      return;
    }
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .header('cache-control', 'no-store')
      .send({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: textsFor('ja').rateLimited.replace('{minutes}', String(Math.ceil(seconds / 60))),
        retryAfterSeconds: seconds,
      } satisfies ErrorBody & { retryAfterSeconds: number });
  });
  // NUL cannot be stored in PostgreSQL text: refuse it (and absurd nesting) up front, naming the
  // field, rather than fail deep inside a query with a 500.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const unsafe = findUnsafeInput(request.query);
    done(unsafe ? unsafeInputError(unsafe) : undefined);
  });
  // Fastify's JSON parser (with its prototype-poisoning guard), but failing with our code, so
  // malformed JSON answers MALFORMED_JSON through the same filter as everything else.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    void parseJson(request, raw.toString(), (error, value) => {
      if (error) {
        done(new AppError('MALFORMED_JSON', `Malformed JSON body: ${error.message}`), undefined);
        return;
      }
      const unsafe = findUnsafeInput(value);
      done(unsafe ? unsafeInputError(unsafe) : null, unsafe ? undefined : value);
    });
  });

  // Plain HTML form posts (the public inquiry form with JavaScript off, the survey) are accepted
  // on those public routes and nowhere else: no staff endpoint takes a body a cross-site form
  // could send, whatever cookie rides along.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (request, raw, done) => {
      const path = request.url.split('?')[0] ?? '';
      if (
        path !== INQUIRY_POST_PATH &&
        !path.startsWith(SURVEY_POST_PREFIX) &&
        !path.startsWith(EVENT_POST_PREFIX) &&
        !path.startsWith(EVENT_CANCEL_POST_PREFIX)
      ) {
        done(
          new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Form posts are accepted only by the public form.',
          ),
          undefined,
        );
        return;
      }
      const value = Object.fromEntries(new URLSearchParams(raw.toString()));
      const unsafe = findUnsafeInput(value);
      done(unsafe ? unsafeInputError(unsafe) : null, unsafe ? undefined : value);
    },
  );
  // Raw mail from an MTA (`POST /api/mailboxes/:id/messages`): kept as bytes, never as text,
  // since its charsets are decoded by the mail parser; with its own, larger size limit.
  fastify.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: settings.mail.ingestMaxBytes },
    (_request, raw, done) => done(null, raw),
  );

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    customSiteTitle: 'Madoguchi API',
  });

  if (consoleDir) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/',
      // Only files that exist get routes; everything else falls through to the SPA fallback.
      wildcard: false,
      decorateReply: false,
      // Vite fingerprints everything under assets/; index.html must always be revalidated.
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  await app.init();
  return app;
}
