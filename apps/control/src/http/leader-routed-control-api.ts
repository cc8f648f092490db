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
import type { LeaderGate } from '../fencing/leader-gate';

/**
 * Control's API as one replica serves it over HTTP: placement and power changes only through the
 * leader gate (fenced, refused by followers); reads and attribute edits on any replica.
 */
export class LeaderRoutedControlApi implements ControlApi {
  constructor(
    private readonly inner: ControlApi,
    private readonly gate: LeaderGate,
  ) {}

  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    return this.gate.run(() => this.inner.launchInstances(command));
  }

  actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    return this.gate.run(() => this.inner.actOnInstances(command));
  }

  modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void> {
    return this.gate.run(() => this.inner.modifyInstanceSpec(command));
  }

  describeInstances(query: InstanceQuery): Promise<InstancePage> {
    return this.inner.describeInstances(query);
  }

  modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    return this.inner.modifyInstanceAttribute(command);
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
