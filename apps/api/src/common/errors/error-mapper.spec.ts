import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { AppError } from './app-error';
import { ERROR_CODES, httpStatusOf } from './error-codes';
import { mapError } from './error-mapper';

describe(mapError.name, () => {
  it('keeps an AppError code, details and extra context', () => {
    const { body, unexpected } = mapError(
      new AppError('CONFLICT', 'Already there', [{ field: 'corporateNumber', message: 'taken' }], {
        existingId: 'x',
      }),
    );
    expect(body).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Already there',
      // A thrower that names no constraint still answers one, so clients never read `message`.
      details: [{ field: 'corporateNumber', message: 'taken', constraint: 'invalid' }],
      existingId: 'x',
    });
    expect(unexpected).toBeUndefined();
  });

  it('gives framework HTTP exceptions a code from their status', () => {
    expect(mapError(new NotFoundException('Cannot GET /api/x')).body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /api/x',
    });
    expect(mapError(new HttpException('Request body is too large', 413)).body.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('passes through bodies that are already in the error shape', () => {
    const shaped = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [] };
    expect(mapError(new BadRequestException(shaped)).body).toBe(shaped);
  });

  it('hides an unexpected error behind an error id and never leaks its stack', () => {
    const secret = new Error('connection string postgres://user:hunter2@db');
    const { body, unexpected } = mapError(secret);
    expect(body.statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toContain(body.errorId);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|at |stack/);
    expect(unexpected).toBe(secret);
  });

  it('treats thrown non-errors as unexpected too', () => {
    expect(mapError('a string').body.code).toBe('INTERNAL_ERROR');
  });

  it.each(ERROR_CODES)('maps %s to an HTTP status', (code) => {
    expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });

  describe('database faults', () => {
    const pgError = (code: string, message = 'x') =>
      new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
    const connectError = (code: string) =>
      Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111 });

    it.each([
      ['a refused connection', connectError('ECONNREFUSED')],
      ['a reset connection', connectError('ECONNRESET')],
      ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
      [
        'a server shutting down',
        pgError('57P01', 'terminating connection due to administrator command'),
      ],
      ['a server starting up', pgError('57P03', 'the database system is starting up')],
      ['a connection failure class', pgError('08006')],
      // Found by the deployment tier: the primary restarted while an intake's transaction ran.
      [
        'the next statement of a transaction whose connection dropped',
        new QueryRunnerProviderAlreadyReleasedError(),
      ],
      [
        'a query runner released when its connection dropped',
        new QueryRunnerAlreadyReleasedError(),
      ],
    ])('answers 503 DATABASE_UNAVAILABLE with Retry-After for %s', (_what, error) => {
      const { body, unexpected } = mapError(error);
      expect(body).toMatchObject({
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        retryAfterSeconds: expect.any(Number),
      });
      expect(unexpected).toBeUndefined();
    });

    it.each([
      ['the pool has no free connection', new Error('timeout exceeded when trying to connect')],
      ['a serialization failure', pgError('40001')],
      ['a deadlock', pgError('40P01')],
      ['too many connections', pgError('53300')],
      [
        'a prepared statement whose columns changed',
        pgError('0A000', 'cached plan must not change result type'),
      ],
    ])('answers 503 DATABASE_BUSY when %s', (_what, error) => {
      expect(mapError(error).body).toMatchObject({
        statusCode: 503,
        code: 'DATABASE_BUSY',
        retryAfterSeconds: expect.any(Number),
      });
    });

    it('answers 504 DATABASE_TIMEOUT for a statement timeout', () => {
      expect(
        mapError(pgError('57014', 'canceling statement due to statement timeout')).body,
      ).toMatchObject({
        statusCode: 504,
        code: 'DATABASE_TIMEOUT',
      });
    });

    it('keeps other database errors internal, with an error id', () => {
      expect(mapError(pgError('42P01', 'relation "x" does not exist')).body.code).toBe(
        'INTERNAL_ERROR',
      );
    });

    it('answers a failed readiness check 503, not 500', () => {
      expect(mapError(new ServiceUnavailableException({ status: 'error' })).body).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
    });
  });
});
