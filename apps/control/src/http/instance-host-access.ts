import { createReadStream } from 'node:fs';
import { StreamableFile } from '@nestjs/common';
import type { ConsoleOutputAnswer, ConsoleOutputReader, InstanceDiskExporter, InstanceMetadataAnswer, InstanceMetadataSource } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';

/**
 * What other components need of an instance's host, which only control can place: the metadata a
 * metaserver serves, the console GetInstanceConsoleOutput shows, the disk CreateImage reads. Reads
 * only, so every replica serves them.
 */
export class InstanceHostAccess {
  constructor(
    private readonly metadataSource: InstanceMetadataSource,
    private readonly consoles: ConsoleOutputReader,
    private readonly disks: InstanceDiskExporter,
  ) {}

  async metadata(instanceId: unknown): Promise<InstanceMetadataAnswer> {
    return { metadata: (await this.metadataSource.metadataFor(idOf(instanceId))) ?? null };
  }

  async consoleOutput(instanceId: unknown): Promise<ConsoleOutputAnswer> {
    return { console: (await this.consoles.consoleOutput(idOf(instanceId))) ?? null };
  }

  /** The bytes of the exported disk; a temporary export is released once they are sent (or the reader hangs up). */
  async disk(instanceId: unknown): Promise<StreamableFile> {
    const disk = await this.disks.exportDisk(idOf(instanceId));
    const stream = disk.kind === 'file' ? createReadStream(disk.path) : disk.stream;
    if (disk.release) stream.once('close', () => void disk.release?.().catch(() => undefined));
    return new StreamableFile(stream, { type: 'application/octet-stream' });
  }
}

/** Callers are our own components; a body without an instance id is a bug on their side, answered as not found. */
function idOf(instanceId: unknown): string {
  if (typeof instanceId !== 'string' || instanceId === '') throw new EcsError('InvalidInstanceId.NotFound');
  return instanceId;
}
