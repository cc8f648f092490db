import { StaleEpochError } from '@ecs/contracts';
import type { ControlFenceRepository, Database } from '@ecs/persistence';
import { leaderScope, type LeaderScope } from './leader-scope';

/** The fence row of the control election. */
export const CONTROL_FENCE = 'control-leader';

/**
 * The same database, except that a transaction run as leader-only work (see LeaderScope) first
 * proves, under a shared lock held to its commit, that the fence still stands at the work's epoch:
 * once a successor has advanced it, every write of the deposed leader fails with StaleEpochError
 * and rolls back. Work outside the scope (the VM-state consumer both replicas run, reads) is not
 * fenced. A Proxy, so every repository keeps taking a plain Database.
 */
export function fenceDatabase(db: Database, fence: ControlFenceRepository, scope: LeaderScope = leaderScope): Database {
  const advanced = new Map<number, Promise<number>>();
  // Advance once per epoch, before the first fenced transaction: concurrent first transactions
  // would otherwise all try to upgrade their shared locks and deadlock one another.
  const advance = (epoch: number): Promise<number> => {
    let pending = advanced.get(epoch);
    if (!pending) {
      pending = fence.advance(CONTROL_FENCE, epoch);
      advanced.set(epoch, pending);
      pending.catch(() => advanced.delete(epoch));
    }
    return pending;
  };
  const transaction: Database['transaction'] = async (work) => {
    const leader = scope.current();
    if (!leader) return db.transaction(work);
    const standing = await advance(leader.epoch);
    if (standing !== leader.epoch) throw new StaleEpochError(leader.epoch, standing);
    const result = await db.transaction(async (tx) => {
      const current = await fence.hold(tx, CONTROL_FENCE);
      if (current !== leader.epoch) throw new StaleEpochError(leader.epoch, current);
      return work(tx);
    });
    leader.committed = true;
    return result;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
