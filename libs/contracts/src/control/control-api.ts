import type { InstanceStatus, LatestOperation } from '@ecs/domain';

export interface InstanceTag {
  readonly key: string;
  readonly value: string;
}

/** One instance as control knows it; the business layer shapes it into the ECS response. */
export interface InstanceView {
  readonly instanceId: string;
  readonly accountId: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly instanceName: string;
  readonly hostName: string;
  readonly description: string;
  readonly instanceType: string;
  readonly instanceTypeFamily: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly imageId: string;
  /** The image's OS at launch (ECS OSName / OSType); kept even after the image is deleted. */
  readonly osName: string | undefined;
  readonly osType: 'linux' | 'windows' | undefined;
  readonly status: InstanceStatus;
  readonly privateIpAddress: string;
  readonly macAddress: string;
  readonly vpcId: string;
  readonly vSwitchId: string;
  readonly securityGroupIds: readonly string[];
  readonly hostId: string | undefined;
  /** ISO-8601 UTC. */
  readonly creationTime: string;
  readonly startTime: string | undefined;
  readonly stoppedMode: 'KeepCharging' | 'StopCharging' | 'Not-applicable';
  readonly deploymentSetId: string | undefined;
  readonly tags: readonly InstanceTag[];
  readonly latestOperation: LatestOperation | undefined;
  readonly hasUserData: boolean;
}

/** RunInstances (powerOn) and CreateInstance (left Stopped), after business-layer validation. */
export interface LaunchInstancesCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly zoneId: string | undefined;
  /** Zones where the type is on sale now; placement never leaves them (a closed zone takes no launch). */
  readonly saleZoneIds: readonly string[];
  readonly instanceType: string;
  readonly imageId: string;
  /** The image's OS, recorded on each instance. */
  readonly osName: string;
  readonly osType: 'linux' | 'windows';
  readonly amount: number;
  /** Place at least this many or none (ECS MinAmount); defaults to amount. */
  readonly minAmount: number;
  readonly instanceName: string | undefined;
  readonly hostName: string | undefined;
  readonly description: string | undefined;
  readonly userData: string | undefined;
  readonly tags: readonly InstanceTag[];
  readonly vSwitchId: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly deploymentSetId: string | undefined;
  readonly systemDiskSizeGiB: number;
  readonly powerOn: boolean;
  readonly operation: 'RunInstances' | 'CreateInstance';
  /** Idempotency: same token + same requestHash returns the first answer; another hash is a mismatch. */
  readonly clientToken: string | undefined;
  readonly requestHash: string;
  readonly dryRun: boolean;
}

export interface LaunchInstancesResult {
  readonly instanceIds: string[];
}

export type PowerAction = 'start' | 'stop' | 'reboot' | 'delete';

export interface InstanceActionCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly instanceIds: readonly string[];
  readonly action: PowerAction;
  /** stop/reboot: ForceStop; delete: Force (any status). */
  readonly force: boolean;
  readonly stoppedMode?: 'KeepCharging' | 'StopCharging';
  /** AllTogether: any instance failing its precheck fails the whole call (nothing changes). */
  readonly batchMode: 'AllTogether' | 'SuccessFirst';
  readonly dryRun: boolean;
}

/** ECS batch action per-instance result: code "200" on success, else the ECS error code. */
export interface InstanceActionResult {
  readonly instanceId: string;
  readonly code: string;
  readonly message: string;
  readonly previousStatus: string;
  readonly currentStatus: string;
}

export interface InstanceQuery {
  readonly accountId: string;
  readonly regionId: string;
  readonly instanceIds?: readonly string[];
  readonly zoneId?: string;
  readonly status?: InstanceStatus;
  readonly instanceType?: string;
  readonly instanceName?: string;
  readonly tags?: readonly InstanceTag[];
  /** Page by number … */
  readonly pageNumber?: number;
  readonly pageSize?: number;
  /** … or by token (NextToken/MaxResults); an opaque cursor from a previous page. */
  readonly nextToken?: string;
  readonly maxResults?: number;
}

export interface InstancePage {
  readonly instances: InstanceView[];
  readonly totalCount: number;
  readonly pageNumber: number;
  readonly pageSize: number;
  /** Set when paging by token and more remain. */
  readonly nextToken: string | undefined;
}

export interface ModifyInstanceAttributeCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly instanceId: string;
  readonly instanceName?: string;
  readonly hostName?: string;
  readonly description?: string;
  readonly userData?: string;
}

/** Free capacity of one zone for one instance type, read from the capacity ledger. */
export interface ZoneTypeStock {
  readonly zoneId: string;
  readonly instanceTypeId: string;
  /** How many more instances of this type fit, summed over schedulable hosts. */
  readonly availableCount: number;
}

/** What control offers the business layer (in-process in all-in-one, HTTP in the cluster). */
export interface ControlApi extends ControlPlacementApi {
  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult>;
  actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]>;
  describeInstances(query: InstanceQuery): Promise<InstancePage>;
  modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void>;
  stock(regionId: string): Promise<ZoneTypeStock[]>;
}

export const CONTROL_API = Symbol('ControlApi');

export interface DeploymentSetView {
  readonly deploymentSetId: string;
  readonly name: string;
  readonly description: string;
  readonly strategy: 'Availability';
  readonly creationTime: string;
  readonly instanceIds: readonly string[];
}

export interface CreateDeploymentSetCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly name: string;
  readonly description: string;
  readonly strategy: 'Availability';
}

export interface DeploymentSetQuery {
  readonly accountId: string;
  readonly regionId: string;
  readonly deploymentSetIds?: readonly string[];
  readonly name?: string;
  readonly pageNumber: number;
  readonly pageSize: number;
}

/** ModifyInstanceSpec: a cold resize of a Stopped instance, moving it when its host cannot fit the new size. */
export interface ModifyInstanceSpecCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly instanceId: string;
  readonly instanceType: string;
  readonly dryRun: boolean;
}

/** Deployment sets and resizes: the rest of what control offers the business layer. */
export interface ControlPlacementApi {
  createDeploymentSet(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }>;
  describeDeploymentSets(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }>;
  deleteDeploymentSet(accountId: string, regionId: string, deploymentSetId: string): Promise<void>;
  modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void>;
}
