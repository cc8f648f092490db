import { randomBytes } from 'node:crypto';
import type { AuditRepository, Database, OperatorRepository } from '@ecs/persistence';
import type { PasswordHasher } from './password-hasher';

export interface BootstrapOperator {
  readonly username: string;
  /** Set only on the start that generated it (ECS_ADMIN_PASSWORD unset): the one time it is shown. */
  readonly generatedPassword: string | undefined;
  readonly created: boolean;
}

/**
 * The first super admin, created when no operator exists yet: ECS_ADMIN_USER with
 * ECS_ADMIN_PASSWORD, or a generated password the platform prints once. Later starts change
 * nothing, so a password changed in the console stays changed.
 */
export async function ensureBootstrapOperator(
  deps: { db: Database; operators: OperatorRepository; audit: AuditRepository; hasher: PasswordHasher },
  wanted: { username: string; password: string | undefined },
): Promise<BootstrapOperator> {
  if ((await deps.operators.count()) > 0) return { username: wanted.username, generatedPassword: undefined, created: false };
  const generatedPassword = wanted.password === undefined ? randomBytes(18).toString('base64url') : undefined;
  const passwordHash = await deps.hasher.hash(wanted.password ?? generatedPassword ?? '');
  const created = await deps.db.transaction(async (tx) => {
    const inserted = await deps.operators.insert(tx, { username: wanted.username, passwordHash, role: 'super_admin' });
    if (inserted) await deps.audit.append(tx, { actor: 'platform', action: 'operator.bootstrap', target: `operator/${wanted.username}`, before: null, after: { username: wanted.username, role: 'super_admin' } });
    return inserted;
  });
  return { username: wanted.username, generatedPassword: created ? generatedPassword : undefined, created };
}
