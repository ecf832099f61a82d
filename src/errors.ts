// Typed errors with stable codes. HTTP statuses are mapped here, once; anything else is a 500
// that is logged and never shown.

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The password was right; the account's TOTP code is missing (the login form asks for it). */
  TOTP_REQUIRED: 401,
  /** The security policy requires a second factor that this administrator has not enrolled yet. */
  TOTP_ENROLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_REJECTED: 422,
  RULE_VIOLATION: 422,
  TOO_MANY_ATTEMPTS: 429,
  /** A server-side tool the request needs is not installed (LibreOffice for PDF). */
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权访问该数据'): AppError => new AppError('FORBIDDEN', message);
export const invalid = (message: string, details?: unknown): AppError =>
  new AppError('VALIDATION', message, details);

/** The database refused a row whose unique key another row holds (either dialect). */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = 'code' in e ? String(e.code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** PostgreSQL ended a deadlock by failing this transaction (40P01). */
export function isDeadlock(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && String(e.code) === '40P01';
}

/** PostgreSQL could not take a lock: NOWAIT, or `lock_timeout` ran out (55P03). */
export function isLockNotAvailable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && String(e.code) === '55P03';
}
