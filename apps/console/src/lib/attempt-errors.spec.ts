import { standingErrors } from './attempt-errors';

describe(standingErrors.name, () => {
  const attempted = { subject: JSON.stringify(''), topics: JSON.stringify([]) };

  it('keeps an error while its field still holds the value it was given for', () => {
    expect(standingErrors({ subject: 'required' }, attempted, { subject: '', topics: [] })).toEqual(
      { subject: 'required' },
    );
  });

  it('drops an error once its field changes', () => {
    expect(
      standingErrors({ subject: 'required', topics: 'choose' }, attempted, {
        subject: '相談',
        topics: [],
      }),
    ).toEqual({ topics: 'choose' });
  });

  it('keeps errors of fields it does not track', () => {
    expect(standingErrors({ deskId: 'x' }, attempted, { subject: '' })).toEqual({ deskId: 'x' });
  });
});
