import { type ErrorCode, httpStatusOf } from './error-codes';

/** A limit or choice a constraint names, for a client to word its own message ({min: 1, max: 200}). */
export type ConstraintParams = Record<string, number | string | (number | string)[]>;

export interface FieldError {
  /** Dotted path of the offending field, e.g. `organization.corporateNumber`. */
  field: string;
  message: string;
  /**
   * What was broken, as a stable code a client translates: class-validator's constraint names
   * (`isLength`, `isEmail`, `arrayMinSize`, `whitelistValidation`, …), our validators' names
   * (`isCorporateNumber`), or a rule's own (`required`, `taken`). Left out by a thrower, the
   * error filter answers `invalid`.
   */
  constraint?: string;
  params?: ConstraintParams;
}

/** The one error body every failure answers with. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: FieldError[];
  /** Present on 500s; the same id is in the server log. */
  errorId?: string;
  /** Code-specific context, e.g. the id of the existing duplicate or the current version. */
  [extra: string]: unknown;
}

/** A failure the API expects and explains: carries a stable code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}

export const validationError = (field: string, message: string, constraint?: string): AppError =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, [
    constraint ? { field, message, constraint } : { field, message },
  ]);
