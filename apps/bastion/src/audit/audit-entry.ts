/** Everything the bastion audits. */
export type AuditAction =
  | 'login.password'
  | 'login.totp'
  | 'login.enrol'
  | 'logout'
  | 'user.create'
  | 'user.unlock'
  | 'user.reset-totp'
  | 'user-group.set'
  | 'host-group.set'
  | 'grant.create'
  | 'grant.revoke'
  | 'token.issue'
  | 'session.open'
  | 'session.close'
  | 'session.kill'
  | 'command'
  | 'recording.replay'
  | 'audit.verify';

/** `ok` or why not: refused (auth/authz), locked, and a command's own verdicts. */
export type AuditOutcome = 'ok' | 'refused' | 'locked' | 'failed' | 'denied' | 'unknown' | 'blocked';

export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  /** The username, or `@bootstrap` for the data-dir administrator token. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What the action was about: a host, a user, a grant id, a session id. */
  readonly target: string;
  readonly outcome: AuditOutcome;
  readonly sessionId?: string;
  readonly detail?: AuditDetail;
}
