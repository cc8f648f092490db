import { In, IsNull, MoreThan } from 'typeorm';
import type { Database } from '../database';
import { BastionGrantEntity, BastionHostGroupEntity } from '../entities/bastion.entity';

export interface BastionGrant {
  readonly grantId: string;
  readonly subjectKind: 'user' | 'group';
  readonly subject: string;
  readonly targetKind: 'host' | 'host-group';
  readonly target: string;
  readonly role: 'read-only' | 'operator';
  readonly expiresAt: number;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

function toGrant(row: BastionGrantEntity): BastionGrant {
  return { ...row };
}

/** Who may reach which hosts: grants and host groups. */
export class BastionAccessRepository {
  constructor(private readonly db: Database) {}

  async createGrant(grant: Omit<BastionGrant, 'revokedAt' | 'revokedBy'>): Promise<void> {
    await this.db.transaction((m) => m.insert(BastionGrantEntity, { ...grant, revokedAt: null, revokedBy: null }));
  }

  async findGrant(grantId: string): Promise<BastionGrant | undefined> {
    const row = await this.db.read((m) => m.findOneBy(BastionGrantEntity, { grantId }));
    return row ? toGrant(row) : undefined;
  }

  async listGrants(): Promise<BastionGrant[]> {
    const rows = await this.db.read((m) => m.find(BastionGrantEntity, { order: { createdAt: 'ASC', grantId: 'ASC' } }));
    return rows.map(toGrant);
  }

  /** Revokes once; false when the grant is unknown or already revoked. */
  async revokeGrant(grantId: string, revokedBy: string, now: number): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(BastionGrantEntity, { grantId, revokedAt: IsNull() }, { revokedAt: now, revokedBy }));
    return result.affected === 1;
  }

  /** Unrevoked, unexpired grants naming the user or one of its groups. */
  async activeGrantsFor(username: string, groups: readonly string[], now: number): Promise<BastionGrant[]> {
    const live = { revokedAt: IsNull(), expiresAt: MoreThan(now) };
    const rows = await this.db.read((m) =>
      m.find(BastionGrantEntity, {
        where: [{ ...live, subjectKind: 'user', subject: username }, ...(groups.length ? [{ ...live, subjectKind: 'group' as const, subject: In([...groups]) }] : [])],
      }),
    );
    return rows.map(toGrant);
  }

  /** Replaces a host group's members. */
  async setHostGroup(groupName: string, hostIds: readonly string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.delete(BastionHostGroupEntity, { groupName });
      if (hostIds.length) await m.insert(BastionHostGroupEntity, hostIds.map((hostId) => ({ groupName, hostId })));
    });
  }

  async hostGroupsOf(hostId: string): Promise<string[]> {
    const rows = await this.db.read((m) => m.findBy(BastionHostGroupEntity, { hostId }));
    return rows.map((r) => r.groupName).sort();
  }

  async hostsInGroups(groupNames: readonly string[]): Promise<{ groupName: string; hostId: string }[]> {
    if (!groupNames.length) return [];
    const rows = await this.db.read((m) => m.find(BastionHostGroupEntity, { where: { groupName: In([...groupNames]) }, order: { hostId: 'ASC' } }));
    return rows.map((r) => ({ groupName: r.groupName, hostId: r.hostId }));
  }
}
