import type { ExportedDisk, InstanceDiskExporter } from '@ecs/contracts';
import type { InstanceRepository } from '@ecs/persistence';

export type ReleasableDisk = ExportedDisk & { release?(): Promise<void> };

/** How control has the host holding a domain export its system disk (in-process or over the network). */
export interface HostDiskExports {
  /** @throws when the host cannot export the domain's disk (no such domain, not shut off, I/O). */
  exportDisk(hostId: string, instanceId: string): Promise<ReleasableDisk>;
}

/** Why an export was refused; the image center records the image as CreateFailed. */
export class DiskNotExportableError extends Error {
  constructor(instanceId: string, why: string) {
    super(`the system disk of ${instanceId} cannot be exported: ${why}`);
    this.name = 'DiskNotExportableError';
  }
}

/**
 * CreateImage's disk source: the stopped instance's system disk, exported by the host it is placed
 * on. The business layer checked status and ownership when the image was asked for; the check is
 * repeated here since the instance may have been started or deleted since.
 */
export class InstanceDiskExport implements InstanceDiskExporter {
  constructor(
    private readonly instances: Pick<InstanceRepository, 'get'>,
    private readonly hosts: HostDiskExports,
  ) {}

  async exportDisk(instanceId: string): Promise<ReleasableDisk> {
    const row = await this.instances.get(instanceId);
    if (row === undefined || row.status === 'Deleted') throw new DiskNotExportableError(instanceId, 'the instance does not exist');
    if (row.status !== 'Stopped') throw new DiskNotExportableError(instanceId, `the instance is ${row.status}, not Stopped`);
    if (row.hostId === null) throw new DiskNotExportableError(instanceId, 'the instance is on no host');
    return this.hosts.exportDisk(row.hostId, instanceId);
  }
}
