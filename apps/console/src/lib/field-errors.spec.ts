import { ApiError } from '@madoguchi/api-client';
import { fieldErrors } from './field-errors';

describe(fieldErrors.name, () => {
  it('maps details by field path', () => {
    const error = new ApiError({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'x',
      details: [
        { field: 'email', message: 'must be an email' },
        { field: 'organization.corporateNumber', message: 'bad check digit' },
      ],
    });
    expect(fieldErrors(error)).toEqual({
      email: 'must be an email',
      'organization.corporateNumber': 'bad check digit',
    });
  });

  it('is empty when details is not a list of field errors (a 409 carrying candidates)', () => {
    const error = new ApiError({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'x',
      details: { candidates: [] } as unknown as [],
    });
    expect(fieldErrors(error)).toEqual({});
  });

  it('is empty for other errors', () => {
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });
});
