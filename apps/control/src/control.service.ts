import type {
  ControlApi,
  InstanceActionCommand,
  InstanceActionResult,
  InstancePage,
  InstanceQuery,
  LaunchInstancesCommand,
  LaunchInstancesResult,
  ModifyInstanceAttributeCommand,
  ZoneTypeStock,
} from '@ecs/contracts';
import type { ControlLeadership } from './leadership/control-leadership';
import type { ActOnInstancesUseCase } from './use-cases/act-on-instances/act-on-instances.use-case';
import type { DescribeInstancesUseCase } from './use-cases/describe-instances/describe-instances.use-case';
import type { LaunchInstancesUseCase } from './use-cases/launch-instances/launch-instances.use-case';
import type { ModifyInstanceAttributeUseCase } from './use-cases/modify-instance-attribute/modify-instance-attribute.use-case';
import type { ReadStockUseCase } from './use-cases/read-stock/read-stock.use-case';

/** The face control shows the business layer: one line per operation, the work is in the use cases. */
export class ControlService implements ControlApi {
  constructor(
    private readonly leadership: ControlLeadership,
    private readonly launch: LaunchInstancesUseCase,
    private readonly act: ActOnInstancesUseCase,
    private readonly describe: DescribeInstancesUseCase,
    private readonly modify: ModifyInstanceAttributeUseCase,
    private readonly readStock: ReadStockUseCase,
  ) {}

  launchInstances(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    this.leadership.epoch();
    return this.launch.execute(command);
  }

  actOnInstances(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    this.leadership.epoch();
    return this.act.execute(command);
  }

  describeInstances(query: InstanceQuery): Promise<InstancePage> {
    return this.describe.execute(query);
  }

  modifyInstanceAttribute(command: ModifyInstanceAttributeCommand): Promise<void> {
    return this.modify.execute(command);
  }

  stock(regionId: string): Promise<ZoneTypeStock[]> {
    return this.readStock.execute(regionId);
  }
}
