import type { ModifyInstanceAttributeCommand } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { Database, InstanceRepository } from '@ecs/persistence';

const CAS_ATTEMPTS = 5;

/** Renames, re-describes, or changes host name or user-data (effective at the next start). */
export class ModifyInstanceAttributeUseCase {
  constructor(
    private readonly db: Database,
    private readonly instances: InstanceRepository,
  ) {}

  async execute(command: ModifyInstanceAttributeCommand): Promise<void> {
    const patch = {
      ...(command.instanceName !== undefined ? { instanceName: command.instanceName } : {}),
      ...(command.hostName !== undefined ? { hostName: command.hostName } : {}),
      ...(command.description !== undefined ? { description: command.description } : {}),
      ...(command.userData !== undefined ? { userData: command.userData } : {}),
    };
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const [row] = await this.instances.findOwned(command.accountId, command.regionId, [command.instanceId]);
      if (!row) throw new EcsError('InvalidInstanceId.NotFound');
      if (command.userData !== undefined && row.status !== 'Stopped') {
        throw new EcsError('IncorrectInstanceStatus', 'UserData can be changed only while the instance is Stopped.');
      }
      if (await this.db.transaction((tx) => this.instances.update(tx, row.instanceId, row.version, patch))) return;
    }
    throw new EcsError('ServiceUnavailable', 'The instance is changing too often; retry.');
  }
}
