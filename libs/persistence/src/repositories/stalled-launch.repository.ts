import { LessThan } from 'typeorm';
import type { Database } from '../database';
import { InstanceEntity } from '../entities';

/**
 * Launches a crashed control leader left half done: instances placed (capacity claimed, status
 * Pending) but never powered up or provisioned, so no task and no deadline covers them.
 */
export class StalledLaunchRepository {
  constructor(private readonly db: Database) {}

  /** Instances still Pending that were created before `createdBefore`, oldest first. */
  async pendingSince(createdBefore: number, limit: number): Promise<InstanceEntity[]> {
    return this.db.read((m) => m.find(InstanceEntity, { where: { status: 'Pending', createdAt: LessThan(createdBefore) }, order: { createdAt: 'ASC' }, take: limit }));
  }
}
