import type { DomainSpec } from '@ecs/contracts';

export type ConsoleEntry =
  | { readonly kind: 'boot'; readonly rebooting: boolean }
  | { readonly kind: 'booted' }
  | { readonly kind: 'boot-failed'; readonly detail: string }
  | { readonly kind: 'shutdown-requested' }
  | { readonly kind: 'powered-off' }
  | { readonly kind: 'forced-off' }
  | { readonly kind: 'crashed'; readonly detail: string };

/** Enough history for several boots; older entries would be cut by the byte limit anyway. */
const MAX_ENTRIES = 48;

/**
 * A domain's serial console, kept as a few small entries and rendered only when read, so that tens
 * of thousands of idle simulated domains cost almost nothing.
 */
export class ConsoleTranscript {
  private readonly entries: ConsoleEntry[] = [];

  append(entry: ConsoleEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  render(spec: DomainSpec, hostName: string, limitBytes: number): string {
    const lines: string[] = [];
    for (const entry of this.entries) lines.push(...linesFor(entry, spec, hostName));
    return tailWholeLines(lines.join('\n') + '\n', limitBytes);
  }
}

function stamp(seconds: number): string {
  return `[${seconds.toFixed(6).padStart(12, ' ')}]`;
}

function bootLines(spec: DomainSpec, hostName: string, rebooting: boolean): string[] {
  const sectors = spec.diskGiB * 2 * 1024 * 1024;
  return [
    ...(rebooting ? [`${stamp(0)} reboot: Restarting system`] : []),
    'SeaBIOS (version 1.16.3-ecs)',
    'Booting from Hard Disk...',
    `${stamp(0)} Linux version 6.6.32-ecs (builder@ecs-build) (gcc 12.2.0) #1 SMP PREEMPT_DYNAMIC`,
    `${stamp(0)} Command line: BOOT_IMAGE=/boot/vmlinuz root=/dev/vda1 ro console=ttyS0,115200n8`,
    `${stamp(0)} DMI: Alibaba Cloud ECS, BIOS 1.16.3 ${spec.instanceId} on ${hostName}`,
    `${stamp(0)} Hypervisor detected: KVM`,
    `${stamp(0.012)} smpboot: Allowing ${spec.vcpus} CPUs, 0 hotplug CPUs`,
    `${stamp(0.031)} Memory: ${spec.memoryMiB * 1024}K available`,
    `${stamp(0.412)} virtio_blk virtio2: [vda] ${sectors} 512-byte logical blocks (${spec.diskGiB} GiB)`,
    `${stamp(0.436)} virtio_net virtio0 eth0: MAC ${spec.mac}`,
    `${stamp(1.204)} EXT4-fs (vda1): mounted filesystem with ordered data mode`,
    `${stamp(2.118)} systemd[1]: Hostname set to <${spec.hostName}>.`,
  ];
}

function linesFor(entry: ConsoleEntry, spec: DomainSpec, hostName: string): string[] {
  switch (entry.kind) {
    case 'boot':
      return bootLines(spec, hostName, entry.rebooting);
    case 'booted':
      return [
        `cloud-init[412]: Cloud-init v. 23.4 running 'init': datasource MetaServer, instance-id ${spec.instanceId}`,
        `cloud-init[412]: ci-info: | eth0 | True | ${spec.privateIp} | 255.255.255.0 | global | ${spec.mac} |`,
        `cloud-init[412]: image ${spec.imageId} finished booting on ${hostName}`,
        '',
        `${spec.hostName} login:`,
      ];
    case 'boot-failed':
      return [`${stamp(1.904)} Kernel panic - not syncing: ${entry.detail}`, `${stamp(1.905)} ---[ end Kernel panic ]---`];
    case 'shutdown-requested':
      return [`${stamp(0)} ACPI: Preparing to enter system sleep state S5`];
    case 'powered-off':
      return [`${stamp(0.3)} reboot: Power down`];
    case 'forced-off':
      return [`qemu-system-x86_64: terminating on signal 15 from ${hostName}`];
    case 'crashed':
      return [`${stamp(0)} Kernel panic - not syncing: ${entry.detail}`, `${stamp(0)} ---[ end Kernel panic ]---`];
  }
}

/** The last `limitBytes` bytes of `text`, starting at a line boundary. */
export function tailWholeLines(text: string, limitBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limitBytes) return text;
  const tail = bytes.subarray(bytes.length - limitBytes);
  const firstBreak = tail.indexOf(0x0a);
  return firstBreak < 0 ? '' : tail.subarray(firstBreak + 1).toString('utf8');
}
