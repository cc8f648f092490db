import type { InstanceSearchRepository, InstanceSummary } from '@ecs/persistence';
import { z } from 'zod';
import { parseCommand } from '../validation';

const optionalText = (max: number) => z.string().max(max, `at most ${max} characters`).optional().transform((v) => (v ? v : undefined));

const SearchInstances = z.object({
  text: optionalText(128),
  accountId: optionalText(32),
  zoneId: optionalText(32),
  hostId: optionalText(64),
  instanceType: optionalText(64),
  status: z.enum(['Pending', 'Starting', 'Running', 'Stopping', 'Stopped', '']).optional().transform((v) => (v ? v : undefined)),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** Every tenant's instances for operators: by id, name prefix or IP, tenant, zone, host, status, type. */
export class SearchInstancesQuery {
  constructor(private readonly instances: InstanceSearchRepository) {}

  async execute(input: unknown): Promise<{ instances: InstanceSummary[]; total: number; page: number; pageSize: number }> {
    const q = parseCommand(SearchInstances, input);
    const { instances, total } = await this.instances.search({
      text: q.text,
      accountId: q.accountId,
      zoneId: q.zoneId,
      hostId: q.hostId,
      instanceType: q.instanceType,
      status: q.status,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { instances, total, page: q.page, pageSize: q.pageSize };
  }
}
