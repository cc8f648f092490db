import type { BastionGrant } from '@ecs/persistence';
import { effectiveAccess } from './effective-access';

function grant(grantId: string, targetKind: BastionGrant['targetKind'], target: string, role: BastionGrant['role'], expiresAt = 1_000): BastionGrant {
  return { grantId, subjectKind: 'user', subject: 'ada', targetKind, target, role, expiresAt, createdBy: 'root', createdAt: 0, revokedAt: null, revokedBy: null };
}

describe('effectiveAccess', () => {
  it('matches grants by host or host group, and gives nothing otherwise', () => {
    const grants = [grant('g1', 'host', 'h-1', 'read-only'), grant('g2', 'host-group', 'rack-a', 'read-only')];
    expect(effectiveAccess(grants, 'h-1', [])).toEqual({ role: 'read-only', grantIds: ['g1'], expiresAt: 1_000 });
    expect(effectiveAccess(grants, 'h-2', ['rack-a'])).toEqual({ role: 'read-only', grantIds: ['g2'], expiresAt: 1_000 });
    expect(effectiveAccess(grants, 'h-3', ['rack-b'])).toBeUndefined();
    expect(effectiveAccess([], 'h-1', ['rack-a'])).toBeUndefined();
  });

  it('takes the strongest role, remembering only the grants that give it', () => {
    const grants = [grant('g1', 'host', 'h-1', 'read-only', 9_000), grant('g2', 'host-group', 'rack-a', 'operator', 2_000), grant('g3', 'host', 'h-1', 'operator', 3_000)];
    expect(effectiveAccess(grants, 'h-1', ['rack-a'])).toEqual({ role: 'operator', grantIds: ['g2', 'g3'], expiresAt: 3_000 });
  });
});
