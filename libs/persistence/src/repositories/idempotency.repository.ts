import type { Database } from '../database';
import { isDuplicateKey } from '../database';
import { IdempotencyRecordEntity } from '../entities';

export type Reservation =
  | { readonly kind: 'reserved' }
  | { readonly kind: 'existing'; readonly requestHash: string; readonly response: string | undefined; readonly createdAt: number };

/** ClientToken records. The (account, token) primary key decides which of two concurrent calls runs. */
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  async reserve(accountId: string, clientToken: string, action: string, requestHash: string): Promise<Reservation> {
    try {
      await this.db.transaction((m) => m.insert(IdempotencyRecordEntity, { accountId, clientToken, action, requestHash, response: null, createdAt: Date.now() }));
      return { kind: 'reserved' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.find(accountId, clientToken);
      if (!existing) return this.reserve(accountId, clientToken, action, requestHash);
      return existing;
    }
  }

  async find(accountId: string, clientToken: string): Promise<Reservation | undefined> {
    const row = await this.db.read((m) => m.findOneBy(IdempotencyRecordEntity, { accountId, clientToken }));
    return row ? { kind: 'existing', requestHash: row.requestHash, response: row.response ?? undefined, createdAt: row.createdAt } : undefined;
  }

  async complete(accountId: string, clientToken: string, response: string): Promise<void> {
    await this.db.transaction((m) => m.update(IdempotencyRecordEntity, { accountId, clientToken }, { response }));
  }

  /**
   * Takes over a reservation whose call never answered (its process died): only one replay wins,
   * the one whose compare-and-swap on the reservation time succeeds.
   */
  async takeOver(accountId: string, clientToken: string, reservedAt: number): Promise<boolean> {
    const result = await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .update(IdempotencyRecordEntity)
        .set({ createdAt: Date.now() })
        .where('account_id = :accountId AND client_token = :clientToken AND created_at = :reservedAt AND response IS NULL', { accountId, clientToken, reservedAt })
        .execute(),
    );
    return result.affected === 1;
  }

  /** The first call failed: let a retry with the same token run afresh. */
  async abandon(accountId: string, clientToken: string): Promise<void> {
    await this.db.transaction((m) => m.delete(IdempotencyRecordEntity, { accountId, clientToken }));
  }
}
