import type { BastionAccessRepository, BastionSessionRepository, BastionTokenRepository, BastionUserRepository, LockoutPolicy } from '@ecs/persistence';
import type { AccessPolicy } from './access/access-policy';
import type { AuditLog } from './audit/audit-log';
import type { FailureThrottle } from './identity/failure-throttle';
import type { PasswordHasher } from './identity/password-hasher';

export interface BastionSettings {
  readonly lockout: LockoutPolicy;
  readonly connectTokenTtlMs: number;
  readonly loginSessionMs: number;
  /** How authenticator apps label the TOTP entry. */
  readonly totpIssuer: string;
}

/** What the use cases share: repositories, the audit log, policies and the clock. */
export interface BastionDeps {
  readonly users: BastionUserRepository;
  readonly access: BastionAccessRepository;
  readonly tokens: BastionTokenRepository;
  readonly sessions: BastionSessionRepository;
  readonly audit: AuditLog;
  readonly policy: AccessPolicy;
  readonly hasher: PasswordHasher;
  readonly throttle: FailureThrottle;
  readonly settings: BastionSettings;
  readonly now: () => number;
}
