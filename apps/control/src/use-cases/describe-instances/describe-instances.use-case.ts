import type { InstancePage, InstanceQuery } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { decodeCursor, type InstanceRepository } from '@ecs/persistence';
import { toInstanceView } from '../../instances/instance-view.mapper';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** DescribeInstances and friends: the caller's live instances, filtered, by page or by token. */
export class DescribeInstancesUseCase {
  constructor(private readonly instances: InstanceRepository) {}

  async execute(query: InstanceQuery): Promise<InstancePage> {
    if (query.nextToken !== undefined && query.nextToken !== '' && !decodeCursor(query.nextToken)) {
      throw EcsError.invalid('NextToken', 'the token was not issued by a previous DescribeInstances call.');
    }
    const byToken = query.nextToken !== undefined || query.maxResults !== undefined;
    const pageSize = clamp(byToken ? query.maxResults : query.pageSize);
    const pageNumber = byToken ? 1 : Math.max(1, query.pageNumber ?? 1);
    const { rows, total, nextCursor } = await this.instances.query({ ...query, ...(query.nextToken === '' ? { nextToken: undefined } : {}), pageSize, pageNumber });
    const tags = await this.instances.tagsOf(rows.map((r) => r.instanceId));
    return {
      instances: rows.map((r) => toInstanceView(r, tags.get(r.instanceId) ?? [])),
      totalCount: total,
      pageNumber,
      pageSize,
      nextToken: nextCursor,
    };
  }
}

function clamp(size: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, size ?? DEFAULT_PAGE_SIZE));
}
