import type { DomainSpec } from '@ecs/contracts';
import type { DomainPaths } from './domain-folder';

/**
 * The guest's user-mode network. slirp forwards a guest connection (guestfwd) only to an address
 * inside its own network, so the network is chosen to contain the metaserver's well-known address.
 */
export const GUEST_NETWORK = {
  cidr: '100.100.100.0/24',
  metadataAddress: '100.100.100.200',
  metadataPort: 80,
} as const;

/** TCG's translation cache is 1 GiB of address space by default; tiny guests need far less. */
const TCG_TB_SIZE_MIB = 64;

export interface QemuLaunch {
  readonly spec: DomainSpec;
  readonly paths: DomainPaths;
  readonly accel: 'tcg' | 'kvm';
  readonly metadataSocketPath: string;
  readonly socatBinary: string;
}

/**
 * The QEMU command line for one domain. The guest starts paused (-S) so that the driver attaches
 * to the serial console before the first byte is printed; it continues the guest over QMP.
 */
export function buildQemuArgs(launch: QemuLaunch): string[] {
  const { spec, paths } = launch;
  return [
    '-name', `guest=${spec.instanceId}`,
    '-machine', 'pc',
    '-accel', launch.accel === 'tcg' ? `tcg,tb-size=${TCG_TB_SIZE_MIB}` : 'kvm',
    ...(launch.accel === 'kvm' ? ['-cpu', 'host'] : []),
    '-smp', String(spec.vcpus),
    '-m', String(spec.memoryMiB),
    '-nodefaults',
    '-no-user-config',
    '-display', 'none',
    '-S',
    '-pidfile', paths.pid,
    '-qmp', `unix:${escapeOptionValue(paths.qmp)},server=on,wait=off`,
    '-chardev', `socket,id=serial0,path=${escapeOptionValue(paths.serial)},server=on,wait=off`,
    '-serial', 'chardev:serial0',
    '-drive', `if=virtio,format=qcow2,file=${escapeOptionValue(paths.disk)}`,
    '-netdev', userNetdev(launch),
    '-device', `virtio-net-pci,netdev=net0,mac=${spec.mac}`,
    // A guest panic stops the guest for inspection and raises GUEST_PANICKED, instead of a silent hang.
    '-device', 'pvpanic-pci',
    '-action', 'panic=pause',
  ];
}

/**
 * restrict=on: the guest reaches nothing but the metaserver (not the host's loopback services).
 * Each guest connection to the metaserver's address runs the relay with its own stdin/stdout.
 */
function userNetdev(launch: QemuLaunch): string {
  const relay = `${shellQuote(launch.socatBinary)} - ${shellQuote(`UNIX-CONNECT:${launch.metadataSocketPath}`)}`;
  const forward = `tcp:${GUEST_NETWORK.metadataAddress}:${GUEST_NETWORK.metadataPort}-cmd:${relay}`;
  return `user,id=net0,net=${GUEST_NETWORK.cidr},restrict=on,guestfwd=${escapeOptionValue(forward)}`;
}

/** QEMU's option parser splits on commas; a doubled comma is a literal one. */
export function escapeOptionValue(value: string): string {
  return value.replaceAll(',', ',,');
}

/** slirp splits the relay command with shell rules (no shell runs it): single quotes keep a path whole. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
