import type {
  ControlApi,
  CreateDeploymentSetCommand,
  DeploymentSetQuery,
  DeploymentSetView,
  InstanceActionCommand,
  InstanceActionResult,
  InstancePage,
  InstanceQuery,
  LaunchInstancesCommand,
  LaunchInstancesResult,
  ModifyInstanceAttributeCommand,
  ModifyInstanceSpecCommand,
  ZoneTypeStock,
} from '@ecs/contracts';
import type { InstanceViewCache } from './instance-view-cache';

/** What DescribeInstancesUseCase answers for page size when a query names none, and its bounds. */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/**
 * Control's API with hot single-instance reads served from the status cache: the lookups tenants
 * poll (DescribeInstanceAttribute, a DescribeInstances naming one id). Writes through this API
 * invalidate what they touch when they return; changes made elsewhere (host reports, deadlines)
 * invalidate through their lifecycle events.
 */
export class CachedControlApi implements ControlApi {
  constructor(
    private readonly inner: ControlApi,
    private readonly cache: InstanceViewCache,
  ) {}

  async describeInstances(query: InstanceQuery): Promise<InstancePage> {
    const instanceId = singleInstanceLookup(query);
    if (instanceId === undefined) return this.inner.describeInstances(query);
    const cached = await this.cache.get(instanceId);
    if (cached.kind === 'hit' && cached.view.accountId === query.accountId && cached.view.regionId === query.regionId) {
      return { instances: [cached.view], totalCount: 1, pageNumber: 1, pageSize: pageSizeOf(query), nextToken: undefined };
    }
    const page = await this.inner.describeInstances(query);
    const [view] = page.instances;
    if (cached.kind === 'miss' && cached.fillable && view?.instanceId === instanceId) await this.cache.fill(view);
    return page;
  }

  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    return this.inner.launchInstances(command);
  }

  async actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    try {
      return await this.inner.actOnInstances(command);
    } finally {
      await this.cache.invalidate(command.instanceIds);
    }
  }

  async modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    try {
      await this.inner.modifyInstanceAttribute(command);
    } finally {
      await this.cache.invalidate([command.instanceId]);
    }
  }

  async modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void> {
    try {
      await this.inner.modifyInstanceSpec(command);
    } finally {
      await this.cache.invalidate([command.instanceId]);
    }
  }

  stock(regionId: string): Promise<ZoneTypeStock[]> {
    return this.inner.stock(regionId);
  }

  createDeploymentSet(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    return this.inner.createDeploymentSet(command);
  }

  describeDeploymentSets(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    return this.inner.describeDeploymentSets(query);
  }

  deleteDeploymentSet(accountId: string, regionId: string, deploymentSetId: string): Promise<void> {
    return this.inner.deleteDeploymentSet(accountId, regionId, deploymentSetId);
  }
}

/** The id when the query asks for exactly one instance by id and nothing else; the cache answers only those. */
function singleInstanceLookup(query: InstanceQuery): string | undefined {
  const { instanceIds, zoneId, status, instanceType, instanceName, tags, pageNumber, nextToken, maxResults } = query;
  if (instanceIds?.length !== 1) return undefined;
  if (zoneId || status || instanceType || instanceName || (tags?.length ?? 0) > 0) return undefined;
  if (nextToken !== undefined || maxResults !== undefined || (pageNumber ?? 1) !== 1) return undefined;
  return instanceIds[0];
}

function pageSizeOf(query: InstanceQuery): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE));
}
