import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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

const body = (
  code: ErrorCode,
  status: number,
  message: string,
  details?: FieldError[],
): ErrorBody =>
  details ? { statusCode: status, code, message, details } : { statusCode: status, code, message };

function isFastifyError(e: unknown): e is Error & { code: string; statusCode?: number } {
  const code: unknown = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('FST_');
}

/** Turns anything thrown into the one error shape. Pure apart from minting error ids. */
export function mapError(exception: unknown): MappedError {
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
