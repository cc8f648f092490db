import type { InstanceStatus } from '@ecs/domain';
import { Brackets } from 'typeorm';
import type { Database } from '../database';
import { InstanceEntity } from '../entities';

/** Operators' search over every tenant's live instances (the tenant API only ever sees its own). */
export interface InstanceSearch {
  /** Matches an instance id or name prefix, or an exact private IP. */
  readonly text?: string;
  readonly accountId?: string;
  readonly zoneId?: string;
  readonly hostId?: string;
  readonly status?: InstanceStatus;
  readonly instanceType?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface InstanceSummary {
  readonly instanceId: string;
  readonly instanceName: string;
  readonly accountId: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly hostId: string | null;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly status: InstanceStatus;
  readonly privateIp: string;
  readonly createdAt: string;
}

export class InstanceSearchRepository {
  constructor(private readonly db: Database) {}

  async search(q: InstanceSearch): Promise<{ instances: InstanceSummary[]; total: number }> {
    return this.db.read(async (m) => {
      const qb = m.createQueryBuilder(InstanceEntity, 'i').where("i.status <> 'Deleted'");
      if (q.text) {
        // '!' as the LIKE escape: a backslash means different things to MySQL and SQLite string literals.
        const prefix = `${q.text.replace(/[!%_]/g, '!$&')}%`;
        qb.andWhere(
          new Brackets((w) =>
            w.where("i.instance_id LIKE :prefix ESCAPE '!'", { prefix }).orWhere("i.instance_name LIKE :prefix ESCAPE '!'", { prefix }).orWhere('i.private_ip = :ip', { ip: q.text }),
          ),
        );
      }
      if (q.accountId) qb.andWhere('i.account_id = :accountId', { accountId: q.accountId });
      if (q.zoneId) qb.andWhere('i.zone_id = :zoneId', { zoneId: q.zoneId });
      if (q.hostId) qb.andWhere('i.host_id = :hostId', { hostId: q.hostId });
      if (q.status) qb.andWhere('i.status = :status', { status: q.status });
      if (q.instanceType) qb.andWhere('i.instance_type = :instanceType', { instanceType: q.instanceType });
      const total = await qb.clone().getCount();
      const rows = await qb.orderBy('i.created_at', 'DESC').addOrderBy('i.instance_id', 'ASC').skip(q.offset).take(q.limit).getMany();
      return { instances: rows.map(toSummary), total };
    });
  }
}

function toSummary(i: InstanceEntity): InstanceSummary {
  return {
    instanceId: i.instanceId,
    instanceName: i.instanceName,
    accountId: i.accountId,
    regionId: i.regionId,
    zoneId: i.zoneId,
    hostId: i.hostId,
    instanceType: i.instanceType,
    vcpus: i.vcpus,
    memoryMiB: i.memoryMiB,
    status: i.status,
    privateIp: i.privateIp,
    createdAt: new Date(i.createdAt).toISOString(),
  };
}
