import { ApiError } from '@madoguchi/api-client';
import i18next from 'i18next';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { apiErrorMessage, codeMessage, fieldErrors, missingRequired } from './field-errors';

const validation = (details: unknown): ApiError =>
  new ApiError({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'x',
    details: details as [],
  });

describe(fieldErrors.name, () => {
  beforeAll(() =>
    i18next.init({
      resources: { ja: { translation: ja }, en: { translation: en } },
      lng: 'ja',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    }),
  );
  afterEach(() => i18next.changeLanguage('ja'));

  it('words each field from its constraint and limits, in the user language', async () => {
    const error = validation([
      {
        field: 'subject',
        message: 'must be longer than or equal to 1 characters',
        constraint: 'isLength',
        params: { min: 1, max: 200 },
      },
      { field: 'contact.email', message: 'must be an email', constraint: 'isEmail' },
      {
        field: 'topics',
        message: 'must contain at least 1 elements',
        constraint: 'arrayMinSize',
        params: { min: 1 },
      },
    ]);
    expect(fieldErrors(error)).toEqual({
      subject: '1〜200文字で入力してください',
      'contact.email': 'メールアドレスの形式が正しくありません(例: tanaka@example.co.jp)',
      topics: '1つ以上選んでください',
    });
    await i18next.changeLanguage('en');
    expect(fieldErrors(error).subject).toBe('Use 1 to 200 characters');
  });

  it('never shows the English message in Japanese, even for a rule it has no words for', async () => {
    const error = validation([
      { field: 'expertId', message: 'is not an active expert', constraint: 'invalid' },
    ]);
    expect(fieldErrors(error)).toEqual({ expertId: '入力内容を確かめてください' });
    await i18next.changeLanguage('en');
    expect(fieldErrors(error)).toEqual({ expertId: 'is not an active expert' });
  });

  it('shows the first problem of a field', () => {
    const error = validation([
      { field: 'subject', message: 'x', constraint: 'isNotEmpty' },
      { field: 'subject', message: 'y', constraint: 'maxLength', params: { max: 200 } },
    ]);
    expect(fieldErrors(error)).toEqual({ subject: '入力してください' });
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

  it('words a failed request from its code, with the error id of a 500', () => {
    expect(
      apiErrorMessage(
        new ApiError({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Invalid' }),
      ),
    ).toBe('メールアドレスまたはパスワードが違います。');
    expect(
      apiErrorMessage(
        new ApiError({
          statusCode: 500,
          code: 'INTERNAL_ERROR',
          message: 'Internal server error',
          errorId: 'e-1',
        }),
      ),
    ).toBe('サーバーで予期しないエラーが起きました。管理者にお知らせください。 (エラーID: e-1)');
  });

  it('words a code carried outside an error body, never showing English in Japanese', async () => {
    expect(codeMessage('CASE_VERSION_CONFLICT', 'Version conflict')).toBe(
      'この案件はほかの人が変更しました。更新してやり直してください。',
    );
    expect(codeMessage('SOMETHING_NEW', 'Something new')).toBe('入力内容を確かめてください');
    await i18next.changeLanguage('en');
    expect(codeMessage('SOMETHING_NEW', 'Something new')).toBe('Something new');
  });
});

describe(missingRequired.name, () => {
  beforeAll(() =>
    i18next.init({
      resources: { ja: { translation: ja }, en: { translation: en } },
      lng: 'ja',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    }),
  );

  it('names each empty field with the console’s own words, and only those', () => {
    expect(
      missingRequired({ title: '  ', dueOn: '2026-12-01', outcome: null, topics: [], count: 0 }),
    ).toEqual({
      title: ja.fieldError.required,
      outcome: ja.fieldError.choose,
      topics: '1つ以上選んでください',
    });
  });
});
