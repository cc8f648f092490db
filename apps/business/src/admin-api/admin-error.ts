/**
 * Errors only operators see (the tenant-facing ones live in the ECS catalogue). Same envelope:
 * Code, Message, RequestId; `field` names the form field a validation error is about.
 */
export const ADMIN_ERRORS = {
  InvalidParameter: { status: 400, message: 'A parameter is not valid.' },
  NotAuthenticated: { status: 401, message: 'Log in first: no valid session or operator token was presented.' },
  InvalidCredentials: { status: 401, message: 'Wrong username or password.' },
  InvalidCsrfToken: { status: 403, message: 'The X-CSRF-Token header is missing or does not match the session.' },
  'Forbidden.Role': { status: 403, message: 'Your role may not do this.' },
  'Throttling.Login': { status: 429, message: 'Too many login attempts; wait a few minutes and try again.' },
  'Operator.NotFound': { status: 404, message: 'The operator does not exist.' },
  'Operator.AlreadyExists': { status: 409, message: 'An operator with this username already exists.' },
  'Operator.Self': { status: 400, message: 'You cannot disable yourself or change your own role.' },
  'Account.NotFound': { status: 404, message: 'The tenant account does not exist.' },
  'AccessKey.NotFound': { status: 404, message: 'The AccessKey does not exist.' },
  'InstanceFamily.NotFound': { status: 404, message: 'The instance family does not exist; create it first.' },
  'InstanceType.NotFound': { status: 404, message: 'The instance type does not exist.' },
  'SaleSpec.NotFound': { status: 404, message: 'The instance type has no sale spec in this zone.' },
  'Host.NotFound': { status: 404, message: 'The host does not exist.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type AdminErrorCode = keyof typeof ADMIN_ERRORS;

export class AdminError extends Error {
  readonly status: number;

  constructor(
    readonly code: AdminErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? ADMIN_ERRORS[code].message);
    this.name = 'AdminError';
    this.status = ADMIN_ERRORS[code].status;
  }
}
