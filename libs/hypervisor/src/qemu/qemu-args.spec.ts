import type { DomainSpec } from '@ecs/contracts';
import { domainPaths } from './domain-folder';
import { buildQemuArgs, escapeOptionValue, shellQuote, type QemuLaunch } from './qemu-args';

const spec: DomainSpec = {
  instanceId: 'i-abc',
  vcpus: 2,
  memoryMiB: 256,
  diskGiB: 4,
  imageId: 'tinylinux_6_1_x64_busybox',
  hostName: 'web-1',
  mac: '00:16:3e:12:34:56',
  privateIp: '172.16.0.9',
};

function launch(overrides: Partial<QemuLaunch> = {}): QemuLaunch {
  return {
    spec,
    paths: domainPaths('/state', 'i-abc'),
    accel: 'tcg',
    metadataSocketPath: '/run/meta/i-abc.sock',
    socatBinary: 'socat',
    ...overrides,
  };
}

/** The value following `flag`, for flags that appear once. */
function valueOf(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, at) => (arg === flag ? [args[at + 1]] : []));
}

describe('buildQemuArgs', () => {
  it('sizes the guest from the spec and starts it paused with no default devices', () => {
    const args = buildQemuArgs(launch());
    expect(valueOf(args, '-smp')).toBe('2');
    expect(valueOf(args, '-m')).toBe('256');
    expect(args).toEqual(expect.arrayContaining(['-S', '-nodefaults', '-no-user-config']));
    expect(valueOf(args, '-display')).toBe('none');
    expect(valueOf(args, '-name')).toBe('guest=i-abc');
  });

  it('puts the monitor, serial console, pidfile and disk in the domain folder', () => {
    const args = buildQemuArgs(launch());
    expect(valueOf(args, '-pidfile')).toBe('/state/i-abc/qemu.pid');
    expect(valueOf(args, '-qmp')).toBe('unix:/state/i-abc/qmp.sock,server=on,wait=off');
    expect(valueOf(args, '-chardev')).toBe('socket,id=serial0,path=/state/i-abc/serial.sock,server=on,wait=off');
    expect(valueOf(args, '-serial')).toBe('chardev:serial0');
    expect(valueOf(args, '-drive')).toBe('if=virtio,format=qcow2,file=/state/i-abc/disk.qcow2');
  });

  it('gives the NIC the domain MAC on a restricted user network that forwards only the metaserver', () => {
    const args = buildQemuArgs(launch());
    expect(valuesOf(args, '-device')).toContain('virtio-net-pci,netdev=net0,mac=00:16:3e:12:34:56');
    expect(valueOf(args, '-netdev')).toBe(
      "user,id=net0,net=100.100.100.0/24,restrict=on,guestfwd=tcp:100.100.100.200:80-cmd:'socat' - 'UNIX-CONNECT:/run/meta/i-abc.sock'",
    );
  });

  it('pauses a panicked guest behind a pvpanic device instead of letting it hang silently', () => {
    const args = buildQemuArgs(launch());
    expect(valuesOf(args, '-device')).toContain('pvpanic-pci');
    expect(valueOf(args, '-action')).toBe('panic=pause');
  });

  it('uses TCG with a small translation cache, or KVM with the host CPU', () => {
    const tcg = buildQemuArgs(launch({ accel: 'tcg' }));
    expect(valueOf(tcg, '-accel')).toBe('tcg,tb-size=64');
    expect(tcg).not.toContain('-cpu');
    const kvm = buildQemuArgs(launch({ accel: 'kvm' }));
    expect(valueOf(kvm, '-accel')).toBe('kvm');
    expect(valueOf(kvm, '-cpu')).toBe('host');
  });

  it('escapes commas in paths so QEMU does not read them as option separators', () => {
    const args = buildQemuArgs(launch({ paths: domainPaths('/odd,dir', 'i-abc'), metadataSocketPath: "/m,eta/it's.sock" }));
    expect(valueOf(args, '-drive')).toBe('if=virtio,format=qcow2,file=/odd,,dir/i-abc/disk.qcow2');
    expect(valueOf(args, '-qmp')).toBe('unix:/odd,,dir/i-abc/qmp.sock,server=on,wait=off');
    expect(valueOf(args, '-netdev')).toContain("-cmd:'socat' - 'UNIX-CONNECT:/m,,eta/it'\\''s.sock'");
    // The pidfile is a whole argument, not an option string: it stays as it is.
    expect(valueOf(args, '-pidfile')).toBe('/odd,dir/i-abc/qemu.pid');
  });
});

describe('option and shell quoting', () => {
  it('doubles commas', () => {
    expect(escapeOptionValue('a,b,,c')).toBe('a,,b,,,,c');
  });

  it('single-quotes, closing and escaping embedded quotes', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
