import type { OpsRole } from '@ecs/contracts';
import type { BastionAccessRepository, BastionUserRepository } from '@ecs/persistence';
import { effectiveAccess, type Access } from './effective-access';

export interface ReachableHost {
  readonly hostId: string;
  readonly role: OpsRole;
  readonly expiresAt: number;
}

/** Answers "may this user reach this host now, and as what?" from the stored grants and groups. */
export class AccessPolicy {
  constructor(
    private readonly users: BastionUserRepository,
    private readonly access: BastionAccessRepository,
  ) {}

  async authorise(username: string, hostId: string, now: number): Promise<Access | undefined> {
    const grants = await this.access.activeGrantsFor(username, await this.users.groupsOf(username), now);
    if (!grants.length) return undefined;
    return effectiveAccess(grants, hostId, await this.access.hostGroupsOf(hostId));
  }

  /** Every host a current grant names, directly or through a host group. */
  async reachableHosts(username: string, now: number): Promise<ReachableHost[]> {
    const grants = await this.access.activeGrantsFor(username, await this.users.groupsOf(username), now);
    const direct = grants.filter((g) => g.targetKind === 'host').map((g) => g.target);
    const grouped = await this.access.hostsInGroups([...new Set(grants.filter((g) => g.targetKind === 'host-group').map((g) => g.target))]);
    const hostIds = [...new Set([...direct, ...grouped.map((m) => m.hostId)])].sort();
    return hostIds.flatMap((hostId) => {
      const access = effectiveAccess(grants, hostId, grouped.filter((m) => m.hostId === hostId).map((m) => m.groupName));
      return access ? [{ hostId, role: access.role, expiresAt: access.expiresAt }] : [];
    });
  }
}
