import { ApiError, type ErrorBody } from '@madoguchi/api-client';
import { possibleDuplicates } from './organization-types';

const error = (body: Record<string, unknown>) => new ApiError(body as unknown as ErrorBody);

describe(possibleDuplicates.name, () => {
  it('reads the candidates of a 409 ORGANIZATION_POSSIBLE_DUPLICATE', () => {
    const candidate = {
      id: 'a',
      name: '株式会社テレワーク商事',
      prefectureCode: '13',
      corporateNumber: null,
      matchedOn: ['name'],
    };
    expect(
      possibleDuplicates(
        error({
          statusCode: 409,
          code: 'ORGANIZATION_POSSIBLE_DUPLICATE',
          message: 'x',
          details: { candidates: [candidate] },
        }),
      ),
    ).toEqual([candidate]);
  });

  it('is null for any other error', () => {
    expect(
      possibleDuplicates(error({ statusCode: 409, code: 'ORGANIZATION_DUPLICATE', message: 'x' })),
    ).toBeNull();
    expect(possibleDuplicates(new Error('x'))).toBeNull();
  });
});
