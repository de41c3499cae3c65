import {
  isIndustrySubcodeOf,
  isValidCorporateNumber,
  normalizeJapanesePhone,
} from '@madoguchi/domain';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** 法人番号 with a valid check digit (see libs/domain). */
export function IsCorporateNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCorporateNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'must be a 13-digit corporate number with a valid check digit',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCorporateNumber(value),
      },
    });
}

/** A Japanese phone number in any common notation (stored as E.164). */
export function IsJapanesePhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isJapanesePhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a Japanese phone number such as 03-1234-5678', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && normalizeJapanesePhone(value) !== null,
      },
    });
}

/**
 * A JSIC middle (2-digit) or minor (3-digit) group inside the major group sent beside it in
 * `industryCode`; the two travel together so that the pair can be checked in one request.
 */
export function IsIndustrySubcode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIndustrySubcode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => {
          const major = (args.object as { industryCode?: unknown }).industryCode;
          return typeof major === 'string'
            ? `must be a JSIC middle (2-digit) or minor (3-digit) group of major group ${major}`
            : 'must be sent with industryCode, the JSIC major group it belongs to';
        },
        ...options,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const major = (args.object as { industryCode?: unknown }).industryCode;
          return (
            typeof value === 'string' &&
            typeof major === 'string' &&
            isIndustrySubcodeOf(major, value)
          );
        },
      },
    });
}

/**
 * A staff email as stored and compared: NFKC (so full-width `ｋａｎｔｏ＠…`, as a Japanese IME
 * types it, is `kanto@…`), trimmed, lower case. One account per address, however it was typed.
 */
export const normalizeEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFKC').trim().toLowerCase() : value;
