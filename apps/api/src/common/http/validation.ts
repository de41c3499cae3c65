import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorBody, FieldError } from '../errors/app-error';

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

/** Flattens class-validator's tree into dotted field paths (`organization.corporateNumber`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: withoutPropertyName(message, error.property),
    }));
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
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
