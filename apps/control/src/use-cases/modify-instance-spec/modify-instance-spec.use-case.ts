import type { CatalogReader, ModifyInstanceSpecCommand } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { InstanceRepository } from '@ecs/persistence';
import type { HostCommander } from '../../dispatch/host-commander';
import type { PlacementService } from '../../placement/placement.service';

/**
 * ModifyInstanceSpec (cold resize): the instance must be Stopped; the new size is claimed
 * atomically, on the same host when it fits, otherwise on another host of the zone — then the old
 * host forgets the domain and the new one defines it, still powered off.
 */
export class ModifyInstanceSpecUseCase {
  constructor(
    private readonly catalog: CatalogReader,
    private readonly instances: InstanceRepository,
    private readonly placement: PlacementService,
    private readonly commander: HostCommander,
  ) {}

  async execute(command: ModifyInstanceSpecCommand): Promise<void> {
    const [row] = await this.instances.findOwned(command.accountId, command.regionId, [command.instanceId]);
    if (!row) throw new EcsError('InvalidInstanceId.NotFound');
    if (row.status !== 'Stopped') {
      throw new EcsError('IncorrectInstanceStatus', `ModifyInstanceSpec changes a Stopped instance; this one is ${row.status}.`, 'Stop the instance, then retry.');
    }
    const type = await this.catalog.instanceType(command.instanceType);
    if (!type) throw new EcsError('InvalidInstanceType.NotFound');
    if (type.instanceTypeId === row.instanceType) throw new EcsError('InvalidInstanceType.ValueUnchanged');
    if (command.dryRun) throw new EcsError('DryRunOperation');
    const shape = { instanceType: type.instanceTypeId, familyId: type.familyId, vcpus: type.vcpus, memoryMiB: type.memoryGiB * 1024, diskGiB: row.diskGiB, hostClass: type.hostClass };
    const outcome = await this.placement.resize(row, shape);
    if (!outcome.ok) throw new EcsError('OperationDenied.NoStock', outcome.message, 'Try a smaller instance type, or retry later; DescribeAvailableResource shows current stock.');
    const resized = await this.instances.get(row.instanceId);
    if (!resized) return;
    if (outcome.hostId !== row.hostId) this.commander.send(row.hostId, { kind: 'remove', instanceId: row.instanceId });
    this.commander.ensure(resized);
  }
}
