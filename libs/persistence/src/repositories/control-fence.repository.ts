import { LessThan } from 'typeorm';
import type { Database } from '../database';
import { ControlFenceEntity } from '../entities';
import type { Tx } from '../transaction';

/**
 * Fencing in the database: a leader advances the fence to its epoch once, then proves in every
 * leader-only transaction that the fence still stands at its epoch. The proof is a shared-lock
 * read, held to the end of the transaction: leader transactions run side by side, while a
 * successor's advance waits for them and every later check by the deposed leader fails.
 */
export class ControlFenceRepository {
  constructor(private readonly db: Database) {}

  /** Moves the fence up to `epoch` (never down). @returns the fence's epoch afterwards. */
  async advance(name: string, epoch: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.update(ControlFenceEntity, { name, epoch: LessThan(epoch) }, { epoch });
      const row = await tx.findOneBy(ControlFenceEntity, { name });
      if (row) return row.epoch;
      await tx.insert(ControlFenceEntity, { name, epoch });
      return epoch;
    });
  }

  /**
   * Reads the fence under a shared lock that lasts until `tx` ends, so it cannot advance before
   * this transaction commits. SQLite runs one transaction at a time, which needs no lock.
   * @returns the fence's epoch (0 when it was never advanced).
   */
  async hold(tx: Tx, name: string): Promise<number> {
    if (this.db.kind === 'sqlite') return (await tx.findOneBy(ControlFenceEntity, { name }))?.epoch ?? 0;
    // Spelled out: TypeORM would write FOR SHARE, which MariaDB does not parse; both MySQL and MariaDB take this.
    const rows: { epoch: string | number }[] = await tx.query('SELECT epoch FROM control_fence WHERE name = ? LOCK IN SHARE MODE', [name]);
    return rows.length ? Number(rows[0].epoch) : 0;
  }
}
