import type { DeploymentSetQuery } from '@ecs/contracts';
import { In } from 'typeorm';
import type { Database } from '../database';
import { AllocationEntity, DeploymentSetEntity, InstanceEntity } from '../entities';

/** Deployment sets and which hosts and instances belong to each. */
export class DeploymentSetRepository {
  constructor(private readonly db: Database) {}

  async create(set: DeploymentSetEntity): Promise<void> {
    await this.db.transaction((m) => m.insert(DeploymentSetEntity, set));
  }

  async findOwned(accountId: string, regionId: string, deploymentSetId: string): Promise<DeploymentSetEntity | undefined> {
    return (await this.db.read((m) => m.findOneBy(DeploymentSetEntity, { accountId, regionId, deploymentSetId }))) ?? undefined;
  }

  async query(q: DeploymentSetQuery): Promise<{ rows: DeploymentSetEntity[]; total: number }> {
    const where = {
      accountId: q.accountId,
      regionId: q.regionId,
      ...(q.deploymentSetIds ? { deploymentSetId: In([...q.deploymentSetIds]) } : {}),
      ...(q.name ? { name: q.name } : {}),
    };
    return this.db.read(async (m) => {
      const [rows, total] = await m.findAndCount(DeploymentSetEntity, { where, order: { createdAt: 'ASC', deploymentSetId: 'ASC' }, skip: (q.pageNumber - 1) * q.pageSize, take: q.pageSize });
      return { rows, total };
    });
  }

  /** Live members of each set (an instance belongs to its set until it is deleted). */
  async members(deploymentSetIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(deploymentSetIds.map((id) => [id, []]));
    if (!deploymentSetIds.length) return out;
    const rows = await this.db.read((m) =>
      m.createQueryBuilder(InstanceEntity, 'i').select(['i.instanceId', 'i.deploymentSetId']).where('i.deployment_set_id IN (:...ids)', { ids: [...deploymentSetIds] }).andWhere("i.status <> 'Deleted'").getMany(),
    );
    for (const row of rows) out.get(row.deploymentSetId!)?.push(row.instanceId);
    return out;
  }

  /** Hosts already holding a member: the Availability strategy keeps the next one off them. */
  async hostsHolding(deploymentSetId: string): Promise<Set<string>> {
    const rows = await this.db.read((m) => m.find(AllocationEntity, { select: { hostId: true }, where: { deploymentSetId } }));
    return new Set(rows.map((r) => r.hostId));
  }

  /** Deletes an empty set; false when it still has live members. */
  async deleteIfEmpty(deploymentSetId: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const live = await m.createQueryBuilder(InstanceEntity, 'i').where('i.deployment_set_id = :id', { id: deploymentSetId }).andWhere("i.status <> 'Deleted'").getCount();
      if (live > 0) return false;
      await m.delete(DeploymentSetEntity, { deploymentSetId });
      return true;
    });
  }
}
