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
import type { ControlLeadership } from './leadership/control-leadership';
import type { ActOnInstancesUseCase } from './use-cases/act-on-instances/act-on-instances.use-case';
import type { CreateDeploymentSetUseCase } from './use-cases/deployment-sets/create-deployment-set.use-case';
import type { DeleteDeploymentSetUseCase } from './use-cases/deployment-sets/delete-deployment-set.use-case';
import type { DescribeDeploymentSetsUseCase } from './use-cases/deployment-sets/describe-deployment-sets.use-case';
import type { DescribeInstancesUseCase } from './use-cases/describe-instances/describe-instances.use-case';
import type { LaunchInstancesUseCase } from './use-cases/launch-instances/launch-instances.use-case';
import type { ModifyInstanceAttributeUseCase } from './use-cases/modify-instance-attribute/modify-instance-attribute.use-case';
import type { ModifyInstanceSpecUseCase } from './use-cases/modify-instance-spec/modify-instance-spec.use-case';
import type { ReadStockUseCase } from './use-cases/read-stock/read-stock.use-case';

export interface ControlUseCases {
  readonly launch: LaunchInstancesUseCase;
  readonly act: ActOnInstancesUseCase;
  readonly describe: DescribeInstancesUseCase;
  readonly modifyAttribute: ModifyInstanceAttributeUseCase;
  readonly modifySpec: ModifyInstanceSpecUseCase;
  readonly readStock: ReadStockUseCase;
  readonly createDeploymentSet: CreateDeploymentSetUseCase;
  readonly describeDeploymentSets: DescribeDeploymentSetsUseCase;
  readonly deleteDeploymentSet: DeleteDeploymentSetUseCase;
}

/**
 * The face control shows the business layer: one line per operation, the work is in the use cases.
 * Writes that change placement or power need the leader's epoch: a follower refuses them.
 */
export class ControlService implements ControlApi {
  constructor(
    private readonly leadership: ControlLeadership,
    private readonly useCases: ControlUseCases,
  ) {}

  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    this.leadership.epoch();
    return this.useCases.launch.execute(command);
  }

  actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    this.leadership.epoch();
    return this.useCases.act.execute(command);
  }

  describeInstances(query: InstanceQuery): Promise<InstancePage> {
    return this.useCases.describe.execute(query);
  }

  modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    return this.useCases.modifyAttribute.execute(command);
  }

  modifyInstanceSpec(command: ModifyInstanceSpecCommand): Promise<void> {
    this.leadership.epoch();
    return this.useCases.modifySpec.execute(command);
  }

  stock(regionId: string): Promise<ZoneTypeStock[]> {
    return this.useCases.readStock.execute(regionId);
  }

  createDeploymentSet(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    return this.useCases.createDeploymentSet.execute(command);
  }

  describeDeploymentSets(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    return this.useCases.describeDeploymentSets.execute(query);
  }

  deleteDeploymentSet(accountId: string, regionId: string, deploymentSetId: string): Promise<void> {
    return this.useCases.deleteDeploymentSet.execute(accountId, regionId, deploymentSetId);
  }
}
