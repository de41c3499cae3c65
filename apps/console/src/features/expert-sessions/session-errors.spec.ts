import { ApiError, type ErrorBody } from '@madoguchi/api-client';
import { bookingRefusal, closingRefusal } from './session-errors';

const apiError = (body: Partial<ErrorBody> & Record<string, unknown>): ApiError =>
  new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', ...body });

describe(bookingRefusal.name, () => {
  it('states the limit the API reported when the allowance is used up', () => {
    const error = apiError({
      statusCode: 409,
      code: 'SESSION_LIMIT_REACHED',
      sessionAllowance: { limit: 4, used: 4, remaining: 0 },
    });
    expect(bookingRefusal(error, 3).alert).toEqual({
      title: 'limitTitle',
      message: { key: 'limit', values: { limit: 4 } },
    });
  });

  it('falls back to the limit on screen when the API gave none', () => {
    const error = apiError({ statusCode: 409, code: 'SESSION_LIMIT_REACHED' });
    expect(bookingRefusal(error, 3).alert?.message).toEqual({ key: 'limit', values: { limit: 3 } });
  });

  it('puts a double booking on the form and under the start', () => {
    const error = apiError({
      statusCode: 409,
      code: 'EXPERT_DOUBLE_BOOKED',
      details: [
        {
          field: 'scheduledStart',
          message: 'overlaps another session of this expert',
          constraint: 'invalid',
        },
      ],
    });
    const refusal = bookingRefusal(error, 3);
    expect(refusal.alert?.title).toBe('doubleBookedTitle');
    expect(refusal.fields).toEqual({ scheduledStart: { key: 'doubleBookedField' } });
  });

  it('words each refused field, and keeps details naming no input', () => {
    const error = apiError({
      details: [
        { field: 'scheduledStart', message: 'must be in the future', constraint: 'invalid' },
        { field: 'expertId', message: 'is not an active expert', constraint: 'invalid' },
        { field: 'kind', message: 'follow_up does not fit', constraint: 'invalid' },
        {
          field: 'kindOverrideReason',
          message: 'is required to book this kind anyway',
          constraint: 'invalid',
        },
        { field: 'mode', message: 'must be one of onsite, online', constraint: 'invalid' },
      ],
    });
    expect(bookingRefusal(error, 3)).toEqual({
      alert: null,
      fields: {
        scheduledStart: { key: 'pastStart' },
        expertId: { key: 'expertUnavailable' },
        kind: { key: 'kindNeedsReason' },
        kindOverrideReason: { key: 'overrideRequired' },
      },
      other: ['mode: must be one of onsite, online'],
    });
  });

  it('leaves other failures to the generic alert', () => {
    expect(bookingRefusal(new Error('offline'), 3)).toEqual({ alert: null, fields: {}, other: [] });
    expect(bookingRefusal(apiError({ statusCode: 403, code: 'FORBIDDEN' }), 3).alert).toBeNull();
  });
});

describe(closingRefusal.name, () => {
  it('tells a session that has not begun from one already closed', () => {
    const conflict = (status: string) =>
      apiError({ statusCode: 409, code: 'SESSION_STATE_CONFLICT', status });
    expect(closingRefusal(conflict('scheduled'))).toEqual({ key: 'notStarted' });
    expect(closingRefusal(conflict('completed'))).toEqual({ key: 'alreadyClosed.completed' });
    expect(closingRefusal(conflict('gone'))).toEqual({ text: 'x' });
  });

  it('is null for other failures', () => {
    expect(closingRefusal(apiError({ statusCode: 403, code: 'FORBIDDEN' }))).toBeNull();
    expect(closingRefusal(undefined)).toBeNull();
  });
});
