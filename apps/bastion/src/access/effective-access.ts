import type { OpsRole } from '@ecs/contracts';
import type { BastionGrant } from '@ecs/persistence';

export interface Access {
  readonly role: OpsRole;
  /** The grants that give this access; the session remembers them to say why it ended. */
  readonly grantIds: readonly string[];
  /** The latest expiry among them. */
  readonly expiresAt: number;
}

/**
 * The strongest role that current grants give a user on a host: grants must already be the user's
 * (directly or through a group), unrevoked and unexpired; this only matches their targets.
 */
export function effectiveAccess(grants: readonly BastionGrant[], hostId: string, hostGroups: readonly string[]): Access | undefined {
  const matching = grants.filter((g) => (g.targetKind === 'host' ? g.target === hostId : hostGroups.includes(g.target)));
  if (!matching.length) return undefined;
  const role: OpsRole = matching.some((g) => g.role === 'operator') ? 'operator' : 'read-only';
  const giving = matching.filter((g) => g.role === role);
  return { role, grantIds: giving.map((g) => g.grantId).sort(), expiresAt: Math.max(...giving.map((g) => g.expiresAt)) };
}
