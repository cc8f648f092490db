import { In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { Database } from '../database';
import { BastionTokenEntity } from '../entities/bastion.entity';

export type BastionTokenKind = BastionTokenEntity['kind'];

export interface BastionToken {
  readonly tokenHash: string;
  readonly kind: BastionTokenKind;
  readonly username: string;
  readonly hostId: string | null;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly createdAt: number;
}

/** Why a single-use token could not be spent. */
export type TokenSpend = { readonly spent: true; readonly token: BastionToken } | { readonly spent: false; readonly why: 'unknown' | 'used' | 'expired'; readonly token?: BastionToken };

function toToken(row: BastionTokenEntity): BastionToken {
  return { ...row };
}

/** Digests of the bastion's bearer secrets: login tickets, API sessions and connection tokens. */
export class BastionTokenRepository {
  constructor(private readonly db: Database) {}

  async issue(token: Omit<BastionToken, 'usedAt'>): Promise<void> {
    await this.db.transaction((m) => m.insert(BastionTokenEntity, { ...token, usedAt: null }));
  }

  /** A token of one of these kinds that is neither spent nor expired. */
  async findLive(tokenHash: string, kinds: readonly BastionTokenKind[], now: number): Promise<BastionToken | undefined> {
    const row = await this.db.read((m) => m.findOneBy(BastionTokenEntity, { tokenHash, kind: In([...kinds]), usedAt: IsNull(), expiresAt: MoreThan(now) }));
    return row ? toToken(row) : undefined;
  }

  /** Spends a single-use token with a compare-and-swap: of any number of racing callers, one wins. */
  async spend(tokenHash: string, kind: BastionTokenKind, now: number): Promise<TokenSpend> {
    return this.db.transaction(async (m) => {
      const result = await m.update(BastionTokenEntity, { tokenHash, kind, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
      const row = await m.findOneBy(BastionTokenEntity, { tokenHash, kind });
      if (result.affected === 1 && row) return { spent: true, token: toToken(row) };
      if (!row) return { spent: false, why: 'unknown' };
      return { spent: false, why: row.usedAt === null ? 'expired' : 'used', token: toToken(row) };
    });
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.db.transaction((m) => m.delete(BastionTokenEntity, { tokenHash }));
  }

  /** Drops every token that can no longer be used. */
  async purgeExpired(now: number): Promise<number> {
    const result = await this.db.transaction((m) => m.delete(BastionTokenEntity, { expiresAt: LessThanOrEqual(now) }));
    return result.affected ?? 0;
  }
}
