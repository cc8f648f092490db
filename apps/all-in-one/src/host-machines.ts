import { join } from 'node:path';
import type { ImageCache } from '@ecs/contracts';
import type { QemuAccel, ResourceAmounts } from '@ecs/hypervisor';
import { hostMachine as agentHostMachine, type GuestMetadataSockets, type HostMachine } from '../../host-agent/src';

export type { GuestMetadataSockets, HostMachine } from '../../host-agent/src';

/** What the all-in-one's hosts run guests on. */
export type FleetHypervisor =
  | { readonly kind: 'sim'; readonly bootMs: number; readonly shutdownMs: number }
  | {
      readonly kind: 'qemu';
      /** Each host's domains live in `<stateDir>/<hostId>`; disk exports pass through `<stateDir>/exports`. */
      readonly stateDir: string;
      readonly accel: QemuAccel;
    };

export interface HostMachineSpec {
  readonly hostId: string;
  readonly capacity: ResourceAmounts;
  readonly imageCache: ImageCache;
  readonly metadata: GuestMetadataSockets;
}

export function exportDirOf(hypervisor: Extract<FleetHypervisor, { kind: 'qemu' }>): string {
  return join(hypervisor.stateDir, 'exports');
}

/**
 * One in-process host's machine: the host agent's own (sim or qemu), with every host's domains in
 * a folder of the shared state dir and one metaserver serving all their guests.
 */
export function hostMachine(hypervisor: FleetHypervisor, host: HostMachineSpec): HostMachine {
  const machineHost = { hostId: host.hostId, capacity: host.capacity, imageCache: host.imageCache };
  if (hypervisor.kind === 'sim') return agentHostMachine(hypervisor, machineHost);
  return agentHostMachine({ kind: 'qemu', stateDir: join(hypervisor.stateDir, host.hostId), exportDir: exportDirOf(hypervisor), accel: hypervisor.accel, metadata: host.metadata }, machineHost);
}
