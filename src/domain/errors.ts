/**
 * The one error type of the product. Every failure a client can cause is an
 * AppError with a code; the server maps the code to an HTTP status in one place.
 */
export const ErrorCodes = {
  /** Input failed validation; `field` names the offending field. HTTP 400. */
  VALIDATION: 400,
  /** Not signed in or session expired. HTTP 401. */
  UNAUTHENTICATED: 401,
  /** Signed in but the role does not allow this. HTTP 403. */
  FORBIDDEN: 403,
  /** Unknown id, or outside the caller's data scope (no leak of existence). HTTP 404. */
  NOT_FOUND: 404,
  /** The workflow does not allow this action in the current state. HTTP 409. */
  INVALID_TRANSITION: 409,
  /** The record changed since the client read it (optimistic concurrency). HTTP 409. */
  STALE: 409,
  /** The record is sealed in an archive batch or otherwise immutable. HTTP 409. */
  SEALED: 409,
  /** A uniqueness or state conflict not covered above. HTTP 409. */
  CONFLICT: 409,
  /** Too many requests. HTTP 429. */
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }

  get status(): number {
    return ErrorCodes[this.code];
  }
}

/** Shorthand for a 400 naming the field. */
export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION', `${field}: ${message}`, { field });
}
