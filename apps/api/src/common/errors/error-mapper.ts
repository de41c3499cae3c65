import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AppError, type ErrorBody, type FieldError } from './app-error';
import { codeForStatus, type ErrorCode } from './error-codes';

export interface MappedError {
  body: ErrorBody;
  /** Set for unexpected failures, which must be logged once with their errorId. */
  unexpected?: unknown;
}

// Fastify raises these before a route handler runs (body parsing, limits).
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

// Every field error on the wire names its constraint, so a client never has to read `message`.
const withConstraint = (d: FieldError): FieldError =>
  d.constraint ? d : { ...d, constraint: 'invalid' };

const body = (
  code: ErrorCode,
  status: number,
  message: string,
  details?: FieldError[],
): ErrorBody =>
  details
    ? { statusCode: status, code, message, details: details.map(withConstraint) }
    : { statusCode: status, code, message };

function isFastifyError(e: unknown): e is Error & { code: string; statusCode?: number } {
  const code: unknown = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('FST_');
}

// Network errors of the connection to PostgreSQL (Node's codes) and SQLSTATEs that mean the
// server is not there for us right now: the client should retry, not report a bug.
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
// Contention: the work may well succeed when tried again shortly.
const BUSY_SQLSTATES = new Set(['40001', '40P01', '53300', '55P03']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Connection ended',
];

/** The database's part in a failure: 503/504 with a stable code, or null when it is not one. */
// Duck-typed: errors raised by Node's own modules may come from another realm than ours
// (Jest's sandbox, for one), so `instanceof Error` would miss them.
const isErrorLike = (e: unknown): e is { message: string; code?: unknown } =>
  typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';

function databaseFault(exception: unknown): MappedError | null {
  if (!isErrorLike(exception)) {
    return null;
  }
  // TypeORM wraps the driver's error; connection errors come through bare.
  const driver = (exception as { driverError?: unknown }).driverError;
  const error = isErrorLike(driver) ? driver : exception;
  const sqlState = typeof error.code === 'string' ? error.code : '';
  if (sqlState === '57014') {
    return {
      body: {
        ...body('DATABASE_TIMEOUT', 504, 'The database took too long to answer; try again.'),
        retryAfterSeconds: 5,
      },
    };
  }
  if (
    BUSY_SQLSTATES.has(sqlState) ||
    error.message.includes('timeout exceeded when trying to connect') ||
    // A prepared statement whose columns a migration changed: the connection prepares it afresh
    // for the next request (guarded-client.ts).
    (sqlState === '0A000' && error.message.startsWith('cached plan must not change result type'))
  ) {
    return {
      body: {
        ...body('DATABASE_BUSY', 503, 'The database is busy; try again in a moment.'),
        retryAfterSeconds: 1,
      },
    };
  }
  if (
    // TypeORM gives up a transaction's connection when the server drops it; the transaction's
    // next statement then fails with one of these rather than with the network error.
    error instanceof QueryRunnerProviderAlreadyReleasedError ||
    error instanceof QueryRunnerAlreadyReleasedError ||
    UNAVAILABLE_NODE_CODES.has(sqlState) ||
    UNAVAILABLE_SQLSTATES.has(sqlState) ||
    sqlState.startsWith('08') ||
    UNAVAILABLE_MESSAGES.some((m) => error.message.startsWith(m))
  ) {
    return {
      body: {
        ...body('DATABASE_UNAVAILABLE', 503, 'The database is not reachable; try again shortly.'),
        retryAfterSeconds: 5,
      },
    };
  }
  return null;
}

/** Turns anything thrown into the one error shape. Pure apart from minting error ids. */
export function mapError(exception: unknown): MappedError {
  const fault = databaseFault(exception);
  if (fault) {
    return fault;
  }
  if (exception instanceof AppError) {
    return {
      body: {
        ...body(exception.code, exception.status, exception.message, exception.details),
        ...exception.extra,
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      // Already in our shape (e.g. built by the validation pipe's factory).
      return { body: response as ErrorBody };
    }
    if (status === 503) {
      // Terminus' failed readiness check, among others: unavailable, not broken.
      return {
        body: {
          ...body('SERVICE_UNAVAILABLE', 503, 'Not ready to serve requests.'),
          retryAfterSeconds: 5,
        },
      };
    }
    if (status >= 500) {
      return internal(exception);
    }
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : exception.message;
    return { body: body(codeForStatus(status), status, message) };
  }
  if (isFastifyError(exception)) {
    const code = FASTIFY_CODES[exception.code];
    const status = exception.statusCode ?? 500;
    if (code) {
      const message =
        code === 'MALFORMED_JSON' ? `Malformed JSON body: ${exception.message}` : exception.message;
      return { body: body(code, status, message) };
    }
    if (status < 500) {
      return { body: body(codeForStatus(status), status, exception.message) };
    }
  }
  if (
    exception instanceof SyntaxError &&
    (exception as { statusCode?: number }).statusCode === 400
  ) {
    return { body: body('MALFORMED_JSON', 400, `Malformed JSON body: ${exception.message}`) };
  }
  return internal(exception);
}

function internal(exception: unknown): MappedError {
  const errorId = randomUUID();
  return {
    body: {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: `Internal error. Quote error id ${errorId} when reporting it.`,
      errorId,
    },
    unexpected: exception,
  };
}
