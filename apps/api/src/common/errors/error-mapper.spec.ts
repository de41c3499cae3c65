import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
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
      details: [{ field: 'corporateNumber', message: 'taken' }],
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
});
