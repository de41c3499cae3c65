import { isValidCorporateNumber, normalizeJapanesePhone } from '@madoguchi/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

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
