import type { Database } from '../database';
import { isDuplicateKey } from '../database';
import { BastionUserEntity, BastionUserGroupEntity } from '../entities/bastion.entity';

export interface BastionUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly roles: readonly string[];
  readonly totpSecret: string | null;
  readonly totpEnrolled: boolean;
  readonly totpLastStep: number | null;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
  readonly createdAt: number;
}

export interface LockoutPolicy {
  /** Failures in a row that lock the user. */
  readonly threshold: number;
  readonly lockoutMs: number;
}

function toUser(row: BastionUserEntity): BastionUser {
  return {
    username: row.username,
    passwordHash: row.passwordHash,
    roles: row.roles === '' ? [] : row.roles.split(','),
    totpSecret: row.totpSecret,
    totpEnrolled: row.totpEnrolled,
    totpLastStep: row.totpLastStep,
    failedAttempts: row.failedAttempts,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
  };
}

/** Bastion users, their lockout counters, TOTP state and user-group memberships. */
export class BastionUserRepository {
  constructor(private readonly db: Database) {}

  /** False when the username is taken. */
  async create(user: { username: string; passwordHash: string; roles: readonly string[]; createdAt: number }): Promise<boolean> {
    try {
      await this.db.transaction((m) =>
        m.insert(BastionUserEntity, {
          username: user.username,
          passwordHash: user.passwordHash,
          roles: user.roles.join(','),
          totpSecret: null,
          totpEnrolled: false,
          totpLastStep: null,
          failedAttempts: 0,
          lockedUntil: null,
          createdAt: user.createdAt,
        }),
      );
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async find(username: string): Promise<BastionUser | undefined> {
    const row = await this.db.read((m) => m.findOneBy(BastionUserEntity, { username }));
    return row ? toUser(row) : undefined;
  }

  async list(): Promise<BastionUser[]> {
    const rows = await this.db.read((m) => m.find(BastionUserEntity, { order: { username: 'ASC' } }));
    return rows.map(toUser);
  }

  /**
   * Counts one failed login in the database (so replicas share the count); reaching the threshold
   * locks the user and starts a fresh count for after the lockout.
   */
  async recordFailure(username: string, now: number, policy: LockoutPolicy): Promise<{ lockedUntil: number | null }> {
    return this.db.transaction(async (m) => {
      await m.createQueryBuilder().update(BastionUserEntity).set({ failedAttempts: () => 'failed_attempts + 1' }).where('username = :username', { username }).execute();
      const row = await m.findOneBy(BastionUserEntity, { username });
      if (!row) return { lockedUntil: null };
      if (row.failedAttempts < policy.threshold) return { lockedUntil: row.lockedUntil };
      const lockedUntil = now + policy.lockoutMs;
      await m.update(BastionUserEntity, { username }, { failedAttempts: 0, lockedUntil });
      return { lockedUntil };
    });
  }

  async clearFailures(username: string): Promise<void> {
    await this.db.transaction((m) => m.update(BastionUserEntity, { username }, { failedAttempts: 0 }));
  }

  /** False when no such user. */
  async unlock(username: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(BastionUserEntity, { username }, { failedAttempts: 0, lockedUntil: null }));
    return result.affected === 1;
  }

  /** Offers a new TOTP secret to a user who has not confirmed one yet; false once enrolled. */
  async offerTotpSecret(username: string, secret: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(BastionUserEntity, { username, totpEnrolled: false }, { totpSecret: secret }));
    return result.affected === 1;
  }

  /**
   * Accepts a TOTP code's time step once: a compare-and-swap on the last accepted step, so a code
   * (or an older one) is refused the second time even when two replicas race. Marks the secret
   * confirmed as a side effect of its first use.
   */
  async acceptTotpStep(username: string, step: number): Promise<boolean> {
    const result = await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .update(BastionUserEntity)
        .set({ totpLastStep: step, totpEnrolled: true })
        .where('username = :username', { username })
        .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
        .execute(),
    );
    return result.affected === 1;
  }

  /** Drops a user's TOTP enrolment (a lost device); the next password login enrols again. */
  async resetTotp(username: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(BastionUserEntity, { username }, { totpSecret: null, totpEnrolled: false }));
    return result.affected === 1;
  }

  async groupsOf(username: string): Promise<string[]> {
    const rows = await this.db.read((m) => m.findBy(BastionUserGroupEntity, { username }));
    return rows.map((r) => r.groupName).sort();
  }

  /** Replaces a user group's members. */
  async setGroupMembers(groupName: string, usernames: readonly string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.delete(BastionUserGroupEntity, { groupName });
      if (usernames.length) await m.insert(BastionUserGroupEntity, usernames.map((username) => ({ groupName, username })));
    });
  }
}
