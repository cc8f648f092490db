import { createReadStream } from 'node:fs';
import { StreamableFile } from '@nestjs/common';
import type { ConsoleOutputAnswer } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { DomainNotFoundError, type HypervisorDriver } from '@ecs/hypervisor';
import type { HostMachine } from '../machine/host-machine';

/** What control reads on this host for other components: a guest's console, a stopped guest's disk. */
export class HostAccess {
  constructor(
    private readonly driver: Pick<HypervisorDriver, 'consoleOutput'>,
    private readonly machine: Pick<HostMachine, 'exportDisk'>,
  ) {}

  async consoleOutput(instanceId: unknown): Promise<ConsoleOutputAnswer> {
    try {
      // Neither driver stamps console bytes, so the read's own time stands in (as the port allows).
      return { console: { output: await this.driver.consoleOutput(idOf(instanceId)), lastUpdateTime: new Date().toISOString() } };
    } catch (error) {
      if (error instanceof DomainNotFoundError) return { console: null };
      throw error;
    }
  }

  /** The flattened disk's bytes; a temporary export is removed once sent, or once the reader hangs up. */
  async disk(instanceId: unknown): Promise<StreamableFile> {
    const disk = await this.machine.exportDisk(idOf(instanceId));
    const stream = disk.kind === 'file' ? createReadStream(disk.path) : disk.stream;
    if (disk.release) stream.once('close', () => void disk.release?.().catch(() => undefined));
    return new StreamableFile(stream, { type: 'application/octet-stream' });
  }
}

/** Control is one of ours; a body without an instance id is its bug, answered as not found without touching the host. */
function idOf(instanceId: unknown): string {
  if (typeof instanceId !== 'string' || instanceId === '') throw new EcsError('InvalidInstanceId.NotFound');
  return instanceId;
}
