import {
  CONTROL_ROUTES,
  SERVICE_GROUPS,
  type ControlApi,
  type ControlEndpoint,
  type CreateDeploymentSetCommand,
  type DeleteDeploymentSetRequest,
  type DeploymentSetQuery,
  type DeploymentSetView,
  type InstanceActionCommand,
  type InstanceActionResult,
  type InstancePage,
  type InstanceQuery,
  type LaunchInstancesCommand,
  type LaunchInstancesResult,
  type ModifyInstanceAttributeCommand,
  type ModifyInstanceSpecCommand,
  type StockRequest,
  type ZoneTypeStock,
} from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, leaderFirst, ServiceWatch } from '@ecs/transport';

/** A launch of many instances may take a while; the API proxy and gateway allow a little more. */
const CONTROL_TIMEOUT_MS = 30_000;
/** Long enough to ride out a leader election (a ZooKeeper session timeout plus a campaign). */
const ELECTION_BUDGET_MS = 20_000;

/**
 * ControlApi over HTTP to the control replicas found in ZooKeeper, leader first. A follower
 * refuses leader-only work before doing any of it, so the client moves on to the leader, waiting
 * out an election if need be. After an unknown outcome only idempotent calls are repeated: reads,
 * attribute edits, and launches with a ClientToken (control deduplicates those).
 */
export class HttpControlApi implements ControlApi {
  private constructor(
    private readonly replicas: ServiceWatch<ControlEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpControlApi> {
    const replicas = await ServiceWatch.start<ControlEndpoint>(coordinator, SERVICE_GROUPS.control);
    const client = new InternalClient({ service: 'control', token, endpoints: { endpoints: () => leaderFirst(replicas.members()) }, timeoutMs: CONTROL_TIMEOUT_MS, retryBudgetMs: ELECTION_BUDGET_MS });
    return new HttpControlApi(replicas, client);
  }

  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    return this.client.post(CONTROL_ROUTES.launchInstances, command, { idempotent: command.clientToken !== undefined });
  }

  actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    return this.client.post(CONTROL_ROUTES.actOnInstances, command, { idempotent: false });
  }

  describeInstances(query: InstanceQuery): Promise<InstancePage> {
    return this.client.post(CONTROL_ROUTES.describeInstances, query, { idempotent: true });
  }

  modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    return this.client.post(CONTROL_ROUTES.modifyInstanceAttribute, command, { idempotent: true });
  }

  modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void> {
    return this.client.post(CONTROL_ROUTES.modifyInstanceSpec, command, { idempotent: false });
  }

  stock(regionId: string): Promise<ZoneTypeStock[]> {
    const request: StockRequest = { regionId };
    return this.client.post(CONTROL_ROUTES.stock, request, { idempotent: true });
  }

  createDeploymentSet(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    return this.client.post(CONTROL_ROUTES.createDeploymentSet, command, { idempotent: false });
  }

  describeDeploymentSets(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    return this.client.post(CONTROL_ROUTES.describeDeploymentSets, query, { idempotent: true });
  }

  deleteDeploymentSet(accountId: string, regionId: string, deploymentSetId: string): Promise<void> {
    const request: DeleteDeploymentSetRequest = { accountId, regionId, deploymentSetId };
    return this.client.post(CONTROL_ROUTES.deleteDeploymentSet, request, { idempotent: false });
  }

  close(): void {
    this.replicas.close();
  }
}
