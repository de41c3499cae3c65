import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ConstraintParams, ErrorBody, FieldError } from '../errors/app-error';
import { memoizeValidationMetadata } from './validation-metadata';

// class-validator starts messages with the bare property name ("subject must be a string",
// "property admin should not exist"); `field` already says which, and says it better.
function withoutPropertyName(message: string, property: string): string {
  for (const prefix of [`${property} `, `property ${property} `]) {
    if (message.startsWith(prefix)) {
      return message.slice(prefix.length);
    }
  }
  return message;
}

// The arguments class-validator keeps for a constraint, named as a client words its message.
function namedParams(constraint: string, args: unknown[]): ConstraintParams | undefined {
  const [first, second] = args;
  const num = (v: unknown): v is number => typeof v === 'number';
  switch (constraint) {
    case 'isLength':
      return num(first) ? { min: first, ...(num(second) ? { max: second } : {}) } : undefined;
    case 'minLength':
    case 'arrayMinSize':
    case 'min':
      return num(first) ? { min: first } : undefined;
    case 'maxLength':
    case 'arrayMaxSize':
    case 'max':
      return num(first) ? { max: first } : undefined;
    case 'isIn':
      return Array.isArray(first) ? { values: first.map(String) } : undefined;
    case 'isEnum':
      return Array.isArray(second) ? { values: second.map(String) } : undefined;
    default:
      return undefined;
  }
}

// The limits of a broken constraint come from class-validator's metadata for the object's class
// (the ValidationError names only the constraint); an object without a class has none.
function paramsOf(
  target: object | undefined,
  property: string,
  constraint: string,
): ConstraintParams | undefined {
  if (!target) {
    return undefined;
  }
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === constraint);
  return meta ? namedParams(constraint, (meta.constraints ?? []) as unknown[]) : undefined;
}

/**
 * Flattens class-validator's tree into dotted field paths (`organization.corporateNumber`), each
 * with the constraint it broke and that constraint's limits, so a client words it in its language.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      const params = paramsOf(error.target, error.property, constraint);
      return {
        field,
        message: withoutPropertyName(message, error.property),
        constraint,
        ...(params ? { params } : {}),
      };
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationFailed(details: FieldError[]): BadRequestException {
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.field} ${d.message}`)
    .join('; ');
  const body: ErrorBody = {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: `Validation failed: ${summary}${details.length > 3 ? '; …' : ''}`,
    details,
  };
  return new BadRequestException(body);
}

export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata(getMetadataStorage());
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The target (the object being validated) tells which class's limits to report; it never
    // reaches the response, which the factory builds field by field.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
