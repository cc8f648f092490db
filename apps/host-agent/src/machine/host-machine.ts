import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedDisk, ImageCache } from '@ecs/contracts';
import { DomainStateError, QemuDriver, SimDriver, withDomainHooks, type HypervisorDriver, type QemuAccel, type ResourceAmounts } from '@ecs/hypervisor';

/** What one host runs guests on. */
export type MachineHypervisor =
  | { readonly kind: 'sim'; readonly bootMs: number; readonly shutdownMs: number }
  | {
      readonly kind: 'qemu';
      /** This host's domains, one folder each; exactly one driver owns it. */
      readonly stateDir: string;
      /** Where CreateImage's flattened disks pass through; outside `stateDir`, whose folders are domains. */
      readonly exportDir: string;
      readonly accel: QemuAccel;
      /** The host's metaserver, which a qemu guest reaches through its own socket; a sim guest never asks. */
      readonly metadata: GuestMetadataSockets;
    };

/** A disk export; temporary ones are released once read. */
export type ReleasableExport = ExportedDisk & { release?(): Promise<void> };

/** The hypervisor side of one host: the driver its agent drives, and what the agent does not do. */
export interface HostMachine {
  readonly driver: HypervisorDriver;
  /** How long a guest gets to power off after the ACPI request before it is forced. */
  readonly shutdownTimeoutMs: number;
  /** A shut-off domain's system disk as a standalone image file (CreateImage). */
  exportDisk(instanceId: string): Promise<ReleasableExport>;
  /** Lets go of the guests without touching them, as a host service that exits does. */
  close(): Promise<void>;
}

/** The metaserver side a qemu host needs: each guest's socket, served from before boot until undefine. */
export interface GuestMetadataSockets {
  /** Where the guest's metadata connections go; asked right after `attach`, before QEMU starts. */
  socketPath(instanceId: string): string;
  attach(instanceId: string): Promise<void>;
  detach(instanceId: string): Promise<void>;
}

export interface HostMachineSpec {
  readonly hostId: string;
  readonly capacity: ResourceAmounts;
  readonly imageCache: ImageCache;
}

/**
 * A tinylinux guest powers off within a second of the ACPI button; a guest still early in its boot
 * has not armed the button yet, and is forced off once this passes, well inside the task deadline.
 */
const QEMU_SHUTDOWN_TIMEOUT_MS = 20_000;

/** The host's machine as the setting says: the `sim` KVM model, or a QEMU process per domain. */
export function hostMachine(hypervisor: MachineHypervisor, host: HostMachineSpec): HostMachine {
  switch (hypervisor.kind) {
    case 'sim':
      return simMachine(hypervisor, host);
    case 'qemu':
      return qemuMachine(hypervisor, host);
  }
}

/**
 * A sim guest has no disk of its own (docs/decisions/0091): its system disk is, truthfully, the
 * image it was created from, which the host's cache holds (pulled now if it does not).
 */
function simMachine(hypervisor: Extract<MachineHypervisor, { kind: 'sim' }>, host: HostMachineSpec): HostMachine {
  const driver = new SimDriver({ hostName: host.hostId, capacity: host.capacity, bootMs: hypervisor.bootMs, guestShutdownMs: hypervisor.shutdownMs });
  return {
    driver,
    shutdownTimeoutMs: Math.max(5_000, hypervisor.shutdownMs * 4),
    async exportDisk(instanceId) {
      const domain = await driver.domainState(instanceId);
      if (domain.state !== 'shutoff') throw new DomainStateError(instanceId, 'export the disk of', domain.state);
      // The cache's own file: it must stay, so there is nothing to release.
      return { kind: 'file', path: await host.imageCache.pathFor(domain.spec.imageId) };
    },
    close: async () => undefined,
  };
}

/** Real guests: overlays over the host's cached images, metadata sockets attached before each boot. */
function qemuMachine(hypervisor: Extract<MachineHypervisor, { kind: 'qemu' }>, host: HostMachineSpec): HostMachine {
  const qemu = new QemuDriver({
    hostName: host.hostId,
    stateDir: hypervisor.stateDir,
    capacity: host.capacity,
    accel: hypervisor.accel,
    imageResolver: (imageId) => host.imageCache.pathFor(imageId),
    metadataSocketPath: (instanceId) => hypervisor.metadata.socketPath(instanceId),
  });
  const driver = withDomainHooks(qemu, {
    beforeStart: (instanceId) => hypervisor.metadata.attach(instanceId),
    afterUndefine: (instanceId) => hypervisor.metadata.detach(instanceId),
  });
  return {
    driver,
    shutdownTimeoutMs: QEMU_SHUTDOWN_TIMEOUT_MS,
    async exportDisk(instanceId) {
      await mkdir(hypervisor.exportDir, { recursive: true, mode: 0o700 });
      const path = join(hypervisor.exportDir, `${instanceId}-${randomBytes(4).toString('hex')}.qcow2`);
      try {
        await qemu.exportDisk(instanceId, path);
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      return { kind: 'file', path, release: () => rm(path, { force: true }) };
    },
    close: () => qemu.close(),
  };
}
