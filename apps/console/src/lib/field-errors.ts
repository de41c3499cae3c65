import { ApiError, type Schemas } from '@madoguchi/api-client';
import i18next from 'i18next';
import { ja } from '../i18n/ja';
import { isKeyOf } from '../i18n/keys';

type FieldError = Schemas['FieldErrorDto'];

const numberParam = (detail: FieldError, name: string): number | undefined => {
  const value = detail.params?.[name];
  return typeof value === 'number' ? value : undefined;
};

/**
 * One field error in the user's language, worded from the constraint the API names (never from
 * its English `message`): the one mapping every form uses.
 */
export function fieldMessage(detail: FieldError): string {
  const t = i18next.t;
  const min = numberParam(detail, 'min');
  const max = numberParam(detail, 'max');
  switch (detail.constraint) {
    case 'isNotEmpty':
    case 'isDefined':
    case 'required':
      return t('fieldError.required');
    case 'isLength':
      if (min !== undefined && max !== undefined) {
        return min === max
          ? t('fieldError.lengthExact', { min })
          : t('fieldError.lengthRange', { min, max });
      }
      return t('fieldError.invalid');
    case 'minLength':
      return min === undefined ? t('fieldError.invalid') : t('fieldError.minLength', { min });
    case 'maxLength':
      return max === undefined ? t('fieldError.invalid') : t('fieldError.maxLength', { max });
    case 'arrayMinSize':
      return min === undefined ? t('fieldError.choose') : t('fieldError.arrayMinSize', { min });
    case 'arrayMaxSize':
      return max === undefined ? t('fieldError.invalid') : t('fieldError.arrayMaxSize', { max });
    case 'arrayUnique':
      return t('fieldError.arrayUnique');
    case 'isEmail':
      return t('fieldError.isEmail');
    case 'isIn':
    case 'isEnum':
      return t('fieldError.isIn');
    case 'matches':
      return t('fieldError.matches');
    case 'isCorporateNumber':
      return t('fieldError.isCorporateNumber');
    case 'isJapanesePhone':
      return t('fieldError.isJapanesePhone');
    case 'isIndustrySubcode':
      return t('fieldError.isIndustrySubcode');
    case 'isUuid':
    case 'isUUID':
      return t('fieldError.isUUID');
    case 'isInt':
    case 'isNumber':
      return t('fieldError.isInt');
    case 'min':
      return min === undefined ? t('fieldError.invalid') : t('fieldError.min', { min });
    case 'max':
      return max === undefined ? t('fieldError.invalid') : t('fieldError.max', { max });
    case 'isIso8601':
    case 'isISO8601':
    case 'isDateString':
    case 'isDate':
      return t('fieldError.isDate');
    case 'whitelistValidation':
      return t('fieldError.notAllowed');
    case 'closeAfterOpen':
      return t('fieldError.closeAfterOpen');
    case 'dateOrder':
      return t('fieldError.dateOrder');
    case 'inactive':
      return t('fieldError.inactive');
    case 'weakPassword':
      return t('fieldError.weakPassword');
    case 'incorrectPassword':
      return t('fieldError.incorrectPassword');
    case 'incorrectCode':
      return t('fieldError.incorrectCode');
    case 'samePassword':
      return t('fieldError.samePassword');
    default:
      // A rule the console has no words for: English readers get the API's own sentence, which
      // says more than a generic one; Japanese readers must never see English.
      return i18next.language === 'en' ? detail.message : t('fieldError.invalid');
  }
}

/**
 * Maps the API's `details[].field` to form fields, so each message sits under its input, in the
 * user's language. The first problem of a field is the one shown.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  // Some conflicts carry an object in `details` (e.g. duplicate candidates), not field errors.
  if (!(error instanceof ApiError) || !Array.isArray(error.body.details)) {
    return {};
  }
  const byField: Record<string, string> = {};
  for (const detail of error.body.details) {
    byField[detail.field] ??= fieldMessage(detail);
  }
  return byField;
}

/**
 * The sentence for a failed request, from its code: what a person reads in an alert. A 500 adds
 * its error id, which the server log has too.
 */
export function apiErrorMessage(error: ApiError): string {
  const t = i18next.t;
  const message = t(`apiError.${error.body.code}`);
  return error.body.errorId
    ? `${message} (${t('apiError.errorId', { id: error.body.errorId })})`
    : message;
}

/** The sentence for an error code carried outside an error body (a bulk result's per-case code). */
export function codeMessage(code: string | undefined, fallback: string): string {
  if (!isKeyOf(ja.apiError, code) || code === 'errorId') {
    return i18next.language === 'en' ? fallback : i18next.t('fieldError.invalid');
  }
  return i18next.t(`apiError.${code}`);
}

const isBlank = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * The console's own "required" messages for the fields left empty, keyed like the API's field
 * paths: forms are `noValidate`, so these replace the browser's bubbles, in the user's language.
 */
export function missingRequired(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => isBlank(value))
      .map(([field, value]) => [
        field,
        Array.isArray(value)
          ? i18next.t('fieldError.arrayMinSize', { min: 1 })
          : typeof value === 'string'
            ? i18next.t('fieldError.required')
            : // Nothing picked (a select's null) is a choice left to make, not text to type.
              i18next.t('fieldError.choose'),
      ]),
  );
}
