import type { BastionGrant } from '@ecs/persistence';

export interface GrantView {
  readonly grantId: string;
  readonly subject: { readonly kind: 'user' | 'group'; readonly name: string };
  readonly target: { readonly kind: 'host' | 'host-group'; readonly name: string };
  readonly role: string;
  readonly expiresAt: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  /** Neither revoked nor expired. */
  readonly active: boolean;
}

export function grantView(grant: BastionGrant, now: number): GrantView {
  return {
    grantId: grant.grantId,
    subject: { kind: grant.subjectKind, name: grant.subject },
    target: { kind: grant.targetKind, name: grant.target },
    role: grant.role,
    expiresAt: new Date(grant.expiresAt).toISOString(),
    createdBy: grant.createdBy,
    createdAt: new Date(grant.createdAt).toISOString(),
    revokedAt: grant.revokedAt === null ? null : new Date(grant.revokedAt).toISOString(),
    revokedBy: grant.revokedBy,
    active: grant.revokedAt === null && grant.expiresAt > now,
  };
}
