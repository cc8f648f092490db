import type {
  ControlApi,
  CreateDeploymentSetCommand,
  DeploymentSetQuery,
  DeploymentSetView,
  ModifyInstanceSpecCommand,
  InstanceActionCommand,
  InstanceActionResult,
  InstancePage,
  InstanceQuery,
  InstanceView,
  LaunchInstancesCommand,
  LaunchInstancesResult,
  ModifyInstanceAttributeCommand,
  PowerAction,
  ZoneTypeStock,
} from '@ecs/contracts';
import { canTransition, ECS_ERRORS, transitionFor, type InstanceEvent } from '@ecs/domain';
import { ACCOUNT, REGION } from './catalog-fixture';

export function instanceView(overrides: Partial<InstanceView> & Pick<InstanceView, 'instanceId'>): InstanceView {
  return {
    accountId: ACCOUNT,
    regionId: REGION,
    zoneId: 'cn-test-1a',
    instanceName: 'web-1',
    hostName: 'web-1',
    description: 'a web server',
    instanceType: 'ecs.g7.large',
    instanceTypeFamily: 'ecs.g7',
    vcpus: 2,
    memoryMiB: 8192,
    imageId: 'm-ubuntu',
    osName: 'Ubuntu 22.04 64 bit',
    osType: 'linux',
    status: 'Running',
    privateIpAddress: '192.168.0.10',
    macAddress: '00:16:3e:00:00:01',
    vpcId: 'vpc-default',
    vSwitchId: 'vsw-default',
    securityGroupIds: ['sg-default'],
    hostId: 'host-1',
    creationTime: '2017-12-10T04:04:31.123Z',
    startTime: '2017-12-10T04:05:02.000Z',
    stoppedMode: 'Not-applicable',
    deploymentSetId: undefined,
    tags: [{ key: 'env', value: 'prod' }],
    latestOperation: undefined,
    hasUserData: false,
    ...overrides,
  };
}

const EVENTS: Record<PowerAction, (force: boolean) => InstanceEvent> = {
  start: () => 'start',
  stop: () => 'stop',
  reboot: () => 'reboot',
  delete: (force) => (force ? 'forceDelete' : 'delete'),
};

/**
 * An in-memory ControlApi: records every command and answers from a list of instances with the
 * domain's state machine, without changing anything.
 */
export class FakeControl implements ControlApi {
  readonly launches: LaunchInstancesCommand[] = [];
  readonly actions: InstanceActionCommand[] = [];
  readonly queries: InstanceQuery[] = [];
  readonly modifications: ModifyInstanceAttributeCommand[] = [];
  readonly resizes: ModifyInstanceSpecCommand[] = [];
  deploymentSets: DeploymentSetView[] = [];

  constructor(
    public instances: InstanceView[] = [],
    public stockRows: ZoneTypeStock[] = [],
  ) {}

  async createDeploymentSet(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    const deploymentSetId = `ds-fake${this.deploymentSets.length + 1}`;
    this.deploymentSets.push({ deploymentSetId, name: command.name, description: command.description, strategy: command.strategy, creationTime: '2024-01-01T00:00:00.000Z', instanceIds: [] });
    return { deploymentSetId };
  }

  async describeDeploymentSets(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    const matching = this.deploymentSets.filter((s) => !query.deploymentSetIds || query.deploymentSetIds.includes(s.deploymentSetId));
    return { sets: matching.slice((query.pageNumber - 1) * query.pageSize, query.pageNumber * query.pageSize), totalCount: matching.length };
  }

  async deleteDeploymentSet(_accountId: string, _regionId: string, deploymentSetId: string): Promise<void> {
    this.deploymentSets = this.deploymentSets.filter((s) => s.deploymentSetId !== deploymentSetId);
  }

  async modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void> {
    this.resizes.push(command);
  }

  async launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    this.launches.push(command);
    return { instanceIds: Array.from({ length: command.amount }, (_, i) => `i-launched${i + 1}`) };
  }

  async actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    this.actions.push(command);
    return command.instanceIds.map((instanceId) => this.resultOf(instanceId, command));
  }

  async describeInstances(query: InstanceQuery): Promise<InstancePage> {
    this.queries.push(query);
    const matching = this.instances.filter(
      (view) =>
        view.accountId === query.accountId &&
        view.regionId === query.regionId &&
        (query.instanceIds === undefined || query.instanceIds.includes(view.instanceId)) &&
        (query.zoneId === undefined || view.zoneId === query.zoneId) &&
        (query.status === undefined || view.status === query.status),
    );
    if (query.maxResults !== undefined) {
      const start = query.nextToken === undefined ? 0 : Number(query.nextToken);
      const end = start + query.maxResults;
      return {
        instances: matching.slice(start, end),
        totalCount: matching.length,
        pageNumber: 1,
        pageSize: query.maxResults,
        nextToken: end < matching.length ? String(end) : undefined,
      };
    }
    const pageNumber = query.pageNumber ?? 1;
    const pageSize = query.pageSize ?? 10;
    const start = (pageNumber - 1) * pageSize;
    return { instances: matching.slice(start, start + pageSize), totalCount: matching.length, pageNumber, pageSize, nextToken: undefined };
  }

  async modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    this.modifications.push(command);
  }

  async stock(regionId: string): Promise<ZoneTypeStock[]> {
    return regionId === REGION ? [...this.stockRows] : [];
  }

  private resultOf(instanceId: string, command: InstanceActionCommand): InstanceActionResult {
    const view = this.instances.find((candidate) => candidate.instanceId === instanceId && candidate.accountId === command.accountId);
    if (view === undefined) {
      return { instanceId, code: 'InvalidInstanceId.NotFound', message: ECS_ERRORS['InvalidInstanceId.NotFound'].message, previousStatus: '', currentStatus: '' };
    }
    const event = EVENTS[command.action](command.force);
    if (!canTransition(view.status, event)) {
      return { instanceId, code: 'IncorrectInstanceStatus', message: ECS_ERRORS.IncorrectInstanceStatus.message, previousStatus: view.status, currentStatus: view.status };
    }
    return { instanceId, code: '200', message: 'success', previousStatus: view.status, currentStatus: transitionFor(event).to };
  }
}
