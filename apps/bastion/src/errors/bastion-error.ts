/**
 * Every refusal the bastion answers with: a stable code a client can branch on, its HTTP status
 * and a default message. Nothing else leaves the bastion as an error (no stack, no internals).
 */
export const BASTION_ERRORS = {
  InvalidParameter: { status: 400, message: 'A parameter is missing or not valid.' },
  InvalidRequest: { status: 400, message: 'The request could not be read.' },
  AuthenticationRequired: { status: 401, message: 'Log in first: send "Authorization: Bearer <session token>".' },
  InvalidCredentials: { status: 401, message: 'The username or password is wrong.' },
  InvalidTicket: { status: 401, message: 'The login ticket is unknown, used or expired: log in with your password again.' },
  InvalidTotpCode: { status: 401, message: 'The one-time code is wrong or was already used.' },
  InvalidConnectionToken: { status: 401, message: 'The connection token is unknown or expired.' },
  ConnectionTokenUsed: { status: 401, message: 'The connection token was already used: ask for a new one.' },
  Forbidden: { status: 403, message: 'Your role does not allow this.' },
  NoGrant: { status: 403, message: 'You hold no current grant for this host.' },
  TokenHostMismatch: { status: 403, message: 'The connection token was issued for another host.' },
  OriginNotAllowed: { status: 403, message: 'Terminal connections are accepted only from the bastion\'s own pages.' },
  UserNotFound: { status: 404, message: 'No such user.' },
  GrantNotFound: { status: 404, message: 'No such grant, or it is already revoked.' },
  HostNotFound: { status: 404, message: 'No such host.' },
  SessionNotFound: { status: 404, message: 'No such session.' },
  RecordingNotFound: { status: 404, message: 'No recording exists for this session.' },
  NotFound: { status: 404, message: 'No such resource.' },
  UserExists: { status: 409, message: 'A user with this name exists already.' },
  RequestTooLarge: { status: 413, message: 'The request body is too large.' },
  AccountLocked: { status: 423, message: 'Too many failed logins: the account is locked for a while.' },
  TooManyFailures: { status: 429, message: 'Too many failed logins from your address: wait a minute.' },
  InternalError: { status: 500, message: 'The bastion could not complete the request.' },
  HostUnreachable: { status: 503, message: 'The host\'s ops shell cannot be reached right now.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type BastionErrorCode = keyof typeof BASTION_ERRORS;

export class BastionError extends Error {
  readonly status: number;

  constructor(
    readonly code: BastionErrorCode,
    message?: string,
  ) {
    super(message ?? BASTION_ERRORS[code].message);
    this.name = 'BastionError';
    this.status = BASTION_ERRORS[code].status;
  }

  toBody(): { Code: BastionErrorCode; Message: string } {
    return { Code: this.code, Message: this.message };
  }
}
