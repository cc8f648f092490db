import type { DomainSpec } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainLifecycleEvent } from '../driver/hypervisor-driver';
import {
  DomainNotFoundError,
  DomainStateError,
  HostLostError,
  InsufficientResourcesError,
  InvalidDomainSpecError,
} from '../errors/hypervisor-errors';
import { QemuDriver } from './qemu-driver';

/**
 * The driver's bookkeeping without QEMU: validation, capacity, errors, and re-attaching to state
 * folders an earlier driver left. Real guests are exercised in test/qemu.
 */
const CAPACITY = { vcpus: 4, memoryMiB: 1024, diskGiB: 20 };

function spec(instanceId: string, overrides: Partial<DomainSpec> = {}): DomainSpec {
  return {
    instanceId,
    vcpus: 1,
    memoryMiB: 128,
    diskGiB: 1,
    imageId: 'tinylinux_6_1_x64_busybox',
    hostName: `host-${instanceId}`,
    mac: '00:16:3e:00:00:01',
    privateIp: '172.16.0.9',
    ...overrides,
  };
}

describe('QemuDriver bookkeeping', () => {
  let stateDir: string;
  let resolved: string[];
  let events: DomainLifecycleEvent[];
  let driver: QemuDriver;

  beforeAll(() => configureLogging({ level: 'silent' }));

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'qemu-driver-spec-'));
    resolved = [];
    events = [];
    driver = newDriver();
  });

  afterEach(async () => {
    await driver.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  function newDriver(): QemuDriver {
    const created = new QemuDriver({
      hostName: 'h-spec',
      stateDir,
      capacity: CAPACITY,
      accel: 'tcg',
      imageResolver: async (imageId) => {
        resolved.push(imageId);
        throw new Error(`no image ${imageId}`);
      },
      metadataSocketPath: (instanceId) => join(stateDir, `${instanceId}.sock`),
    });
    created.onLifecycleEvent((event) => events.push(event));
    return created;
  }

  /** A domain folder as an earlier driver leaves it for a domain that is shut off. */
  async function leftBehind(domain: DomainSpec, files: Record<string, string> = {}): Promise<void> {
    const dir = join(stateDir, domain.instanceId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'spec.json'), JSON.stringify(domain));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  }

  it.each([
    ['a MAC that is not one', spec('i-a', { mac: 'not-a-mac' })],
    ['an id that is not a plain folder name', spec('../escape')],
    ['no memory', spec('i-a', { memoryMiB: 0 })],
  ])('rejects %s before touching anything', async (_what, bad) => {
    await expect(driver.defineDomain(bad)).rejects.toBeInstanceOf(InvalidDomainSpecError);
    expect(resolved).toEqual([]);
    expect(existsSync(join(stateDir, bad.instanceId))).toBe(false);
  });

  it('refuses a domain the host has no room for, before resolving its image', async () => {
    await expect(driver.defineDomain(spec('i-big', { vcpus: 8 }))).rejects.toBeInstanceOf(InsufficientResourcesError);
    expect(resolved).toEqual([]);
  });

  it('refuses an image it cannot resolve, and keeps neither folder nor claim', async () => {
    await expect(driver.defineDomain(spec('i-a', { imageId: 'm-unknown' }))).rejects.toThrow(
      'invalid spec for domain i-a: image m-unknown is not usable: no image m-unknown',
    );
    expect(existsSync(join(stateDir, 'i-a'))).toBe(false);
    expect(await driver.resources()).toEqual({ capacity: CAPACITY, allocated: { vcpus: 0, memoryMiB: 0, diskGiB: 0 }, domainCount: 0 });
    expect(events).toEqual([]);
  });

  it('knows no domain it was not given', async () => {
    for (const call of [
      () => driver.startDomain('i-none'),
      () => driver.shutdownDomain('i-none', { timeoutMs: 1 }),
      () => driver.destroyDomain('i-none'),
      () => driver.rebootDomain('i-none'),
      () => driver.undefineDomain('i-none'),
      () => driver.domainState('i-none'),
      () => driver.consoleOutput('i-none'),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(DomainNotFoundError);
    }
  });

  it('re-attaches to shut-off domains with their last stop reason, console and claims', async () => {
    await leftBehind(spec('i-a'), {
      'status.json': JSON.stringify({ reason: 'boot-failed', detail: 'no bootable device' }),
      'console.log': 'SeaBIOS\r\nNo bootable device.\r\n',
    });
    await leftBehind(spec('i-b', { vcpus: 2 }));
    const domains = await driver.listDomains();
    expect(domains.sort((a, b) => a.instanceId.localeCompare(b.instanceId))).toEqual([
      { instanceId: 'i-a', spec: spec('i-a'), state: 'shutoff', reason: 'boot-failed', detail: 'no bootable device' },
      { instanceId: 'i-b', spec: spec('i-b', { vcpus: 2 }), state: 'shutoff', reason: 'defined' },
    ]);
    expect(await driver.consoleOutput('i-a')).toBe('SeaBIOS\r\nNo bootable device.\r\n');
    expect(await driver.resources()).toEqual({ capacity: CAPACITY, allocated: { vcpus: 3, memoryMiB: 256, diskGiB: 2 }, domainCount: 2 });
  });

  it('reports a domain whose pidfile names some other process as destroyed, and forgets the pidfile', async () => {
    await leftBehind(spec('i-a'), { 'qemu.pid': `${process.pid}\n` });
    expect(await driver.domainState('i-a')).toEqual({
      instanceId: 'i-a',
      spec: spec('i-a'),
      state: 'shutoff',
      reason: 'destroyed',
      detail: 'qemu was gone when the driver attached',
    });
    expect(existsSync(join(stateDir, 'i-a', 'qemu.pid'))).toBe(false);
  });

  it('rejects power operations a shut-off domain cannot take', async () => {
    await leftBehind(spec('i-a'));
    await expect(driver.shutdownDomain('i-a', { timeoutMs: 1 })).rejects.toBeInstanceOf(DomainStateError);
    await expect(driver.destroyDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
    await expect(driver.rebootDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
  });

  it('treats an equal definition as a no-op and replaces a different one while shut off', async () => {
    await leftBehind(spec('i-a'));
    await driver.defineDomain(spec('i-a'));
    expect(events).toEqual([]);
    const renamed = spec('i-a', { hostName: 'renamed' });
    await driver.defineDomain(renamed);
    expect(events).toEqual([{ kind: 'defined', instanceId: 'i-a' }]);
    expect(JSON.parse(await readFile(join(stateDir, 'i-a', 'spec.json'), 'utf8'))).toEqual(renamed);
    // Same image and disk: nothing about the disk had to change.
    expect(resolved).toEqual([]);
  });

  it('refuses to grow a redefinition past the host', async () => {
    await leftBehind(spec('i-a'));
    await expect(driver.defineDomain(spec('i-a', { memoryMiB: 2048 }))).rejects.toBeInstanceOf(InsufficientResourcesError);
    expect((await driver.domainState('i-a')).spec).toEqual(spec('i-a'));
  });

  it('undefines a shut-off domain with its folder and releases its claim', async () => {
    await leftBehind(spec('i-a'));
    await driver.undefineDomain('i-a');
    expect(existsSync(join(stateDir, 'i-a'))).toBe(false);
    expect(events).toEqual([{ kind: 'undefined', instanceId: 'i-a' }]);
    expect((await driver.resources()).domainCount).toBe(0);
  });

  it('exports a shut-off domain\'s disk by flattening its overlay, written aside and renamed into place', async () => {
    await leftBehind(spec('i-a'));
    const exporter = await withFakeQemuImg(0);
    const destination = join(stateDir, 'i-a.export.qcow2');
    await exporter.exportDisk('i-a', destination);
    expect((await readFile(join(stateDir, 'qemu-img.args'), 'utf8')).trim()).toBe(`convert -q -f qcow2 -O qcow2 ${join(stateDir, 'i-a', 'disk.qcow2')} ${destination}.partial`);
    expect(await readFile(destination, 'utf8')).toBe('flattened');
    expect(existsSync(`${destination}.partial`)).toBe(false);
    await expect(exporter.exportDisk('i-none', destination)).rejects.toBeInstanceOf(DomainNotFoundError);
  });

  it('leaves nothing behind when qemu-img fails an export', async () => {
    await leftBehind(spec('i-a'));
    const exporter = await withFakeQemuImg(1);
    const destination = join(stateDir, 'i-a.export.qcow2');
    await expect(exporter.exportDisk('i-a', destination)).rejects.toThrow();
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.partial`)).toBe(false);
  });

  /** The driver with a stand-in qemu-img that records its arguments and writes its last one. */
  async function withFakeQemuImg(exitCode: number): Promise<QemuDriver> {
    const script = join(stateDir, 'fake-qemu-img');
    await writeFile(script, `#!/bin/sh\necho "$@" > '${join(stateDir, 'qemu-img.args')}'\nfor last; do :; done\nprintf flattened > "$last"\nexit ${exitCode}\n`);
    await chmod(script, 0o755);
    await driver.close();
    driver = new QemuDriver({ hostName: 'h-spec', stateDir, capacity: CAPACITY, accel: 'tcg', qemuImgBinary: script, imageResolver: async () => '/nonexistent', metadataSocketPath: (id) => join(stateDir, `${id}.sock`) });
    return driver;
  }

  it('fails every call once closed, and a new driver takes over the state folder', async () => {
    await leftBehind(spec('i-a'));
    await driver.close();
    await expect(driver.listDomains()).rejects.toBeInstanceOf(HostLostError);
    driver = newDriver();
    expect((await driver.listDomains()).map((domain) => domain.instanceId)).toEqual(['i-a']);
  });
});
