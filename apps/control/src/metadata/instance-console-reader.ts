import type { ConsoleOutput, ConsoleOutputReader } from '@ecs/contracts';
import type { InstanceRepository } from '@ecs/persistence';

/** How control reads a serial console on the host that holds the domain (in-process or over the network). */
export interface HostConsoles {
  /** Undefined when the host has no such domain (not defined yet, or already gone). */
  consoleOutput(hostId: string, instanceId: string): Promise<ConsoleOutput | undefined>;
}

/** GetInstanceConsoleOutput's source: the console of the domain on the host the instance is placed on. */
export class InstanceConsoleReader implements ConsoleOutputReader {
  constructor(
    private readonly instances: Pick<InstanceRepository, 'get'>,
    private readonly hosts: HostConsoles,
  ) {}

  async consoleOutput(instanceId: string): Promise<ConsoleOutput | undefined> {
    const row = await this.instances.get(instanceId);
    if (row === undefined || row.status === 'Deleted' || row.hostId === null) return undefined;
    return this.hosts.consoleOutput(row.hostId, instanceId);
  }
}
