import type { DomainSpec } from '@ecs/contracts';
import { DomainNotFoundError, QemuDriver, type DomainLifecycleEvent, type QemuDriverConfig } from '@ecs/hypervisor';
import { configureLogging } from '@ecs/observability';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeMetadataServer } from './fake-metadata-server';
import { killAll, processesMentioning } from './qemu-processes';
import { buildTinylinux, TINYLINUX_IMAGE_ID } from './tinylinux-image';

/**
 * The qemu driver against real QEMU guests of the tinylinux image, under TCG unless KVM passes the
 * driver's probe. One guest goes through boot (metadata + user-data on the console), reboot, ACPI
 * shutdown, re-attach by a fresh driver, a killed QEMU and destroy; every QEMU started is gone at the end.
 */
const BUILD_TIMEOUT_MS = 20 * 60_000;
/** Each step waits up to GUEST_TIMEOUT_MS for the guest, sometimes twice. */
jest.setTimeout(300_000);
const GUEST_TIMEOUT_MS = 120_000;
const USER_DATA = '#!/bin/sh\necho "user-data ran on $(hostname) as $(id -u)"\n';
const READY = 'ecs-init: ready';

const spec: DomainSpec = {
  instanceId: 'i-qemu0001',
  vcpus: 1,
  memoryMiB: 128,
  diskGiB: 1,
  imageId: TINYLINUX_IMAGE_ID,
  hostName: 'tiny-one',
  mac: '00:16:3e:0a:00:01',
  privateIp: '172.16.0.21',
  userData: Buffer.from(USER_DATA).toString('base64'),
};

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = GUEST_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('QemuDriver with real QEMU guests', () => {
  let work: string;
  let config: QemuDriverConfig;
  let metadata: FakeMetadataServer;
  let driver: QemuDriver;
  const events: DomainLifecycleEvent[] = [];

  const consoleOf = () => driver.consoleOutput(spec.instanceId);
  const untilState = (state: string, reason?: string) =>
    waitFor(`${state}/${reason ?? '*'}`, async () => {
      const info = await driver.domainState(spec.instanceId);
      return info.state === state && (reason === undefined || info.reason === reason) ? info : undefined;
    });
  const untilReadyCount = (count: number) =>
    waitFor(`boot #${count} to print '${READY}'`, async () => {
      const text = await consoleOf();
      return occurrences(text, READY) >= count ? text : undefined;
    });
  const qemuPid = async () => Number((await readFile(join(config.stateDir, spec.instanceId, 'qemu.pid'), 'utf8')).trim());

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    const imagePath = await buildTinylinux();
    work = await mkdtemp(join(tmpdir(), 'ecs-qemu-'));
    await mkdir(join(work, 'metadata'));
    metadata = new FakeMetadataServer(join(work, 'metadata'));
    await metadata.serve({ instanceId: spec.instanceId, hostname: spec.hostName, privateIp: spec.privateIp, userData: USER_DATA });
    config = {
      hostName: 'h-qemu-test',
      stateDir: join(work, 'state'),
      capacity: { vcpus: 4, memoryMiB: 1024, diskGiB: 20 },
      accel: 'auto',
      imageResolver: async (imageId) => {
        if (!imageId.startsWith('tinylinux')) throw new Error(`no image ${imageId}`);
        return imagePath;
      },
      metadataSocketPath: (instanceId) => metadata.socketPath(instanceId),
    };
    driver = new QemuDriver(config);
    driver.onLifecycleEvent((event) => events.push(event));
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await driver?.close();
    await metadata?.close();
    if (work) {
      killAll(await processesMentioning(work));
      await rm(work, { recursive: true, force: true });
    }
  });

  it('boots the image; its init reads the metaserver and runs the user-data script', async () => {
    await driver.defineDomain(spec);
    expect(await driver.resources()).toEqual({
      capacity: { vcpus: 4, memoryMiB: 1024, diskGiB: 20 },
      allocated: { vcpus: 1, memoryMiB: 128, diskGiB: 1 },
      domainCount: 1,
    });
    const started = Date.now();
    await driver.startDomain(spec.instanceId);
    expect(await driver.domainState(spec.instanceId)).toMatchObject({ state: 'booting', reason: 'starting' });
    await untilState('running', 'booted');
    const text = await untilReadyCount(1);
    process.stderr.write(`qemu driver: tinylinux booted to '${READY}' in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    expect(text).toContain('ecs-metadata: instance-id=i-qemu0001');
    expect(text).toContain('ecs-metadata: hostname=tiny-one');
    expect(text).toContain('ecs-metadata: private-ipv4=172.16.0.21');
    expect(text).toContain('user-data ran on tiny-one as 0');
    expect(text).toContain('ecs-metadata: user-data-exit=0');
    expect(metadata.requests).toEqual(
      expect.arrayContaining(['i-qemu0001 PUT /latest/api/token', 'i-qemu0001 GET /latest/meta-data/instance-id', 'i-qemu0001 GET /latest/user-data']),
    );
    expect(events).toEqual([
      { kind: 'defined', instanceId: spec.instanceId },
      { kind: 'state-changed', instanceId: spec.instanceId, state: 'booting', reason: 'starting' },
      { kind: 'state-changed', instanceId: spec.instanceId, state: 'running', reason: 'booted' },
    ]);
  });

  it('reboots by resetting the guest and keeps the console across the reboot', async () => {
    const pid = await qemuPid();
    await driver.rebootDomain(spec.instanceId);
    const text = await untilReadyCount(2);
    expect(occurrences(text, 'ecs-metadata: instance-id=i-qemu0001')).toBe(2);
    expect(await driver.domainState(spec.instanceId)).toMatchObject({ state: 'running', reason: 'booted' });
    expect(await qemuPid()).toBe(pid);
    expect(events.slice(-2)).toEqual([
      { kind: 'state-changed', instanceId: spec.instanceId, state: 'booting', reason: 'rebooting' },
      { kind: 'state-changed', instanceId: spec.instanceId, state: 'running', reason: 'booted' },
    ]);
  });

  it('shuts down through the ACPI power button, well before the timeout', async () => {
    const pid = await qemuPid();
    await driver.shutdownDomain(spec.instanceId, { timeoutMs: 60_000 });
    expect(await driver.domainState(spec.instanceId)).toMatchObject({ state: 'shutting-down', reason: 'shutdown-requested' });
    await untilState('shutoff', 'shutdown');
    expect(await consoleOf()).toContain('power button pressed, powering off');
    expect(await processesMentioning(work)).not.toContain(pid);
  });

  it('forces off a guest that has not powered off when the shutdown timeout ends', async () => {
    await driver.startDomain(spec.instanceId);
    await untilState('running', 'booted');
    await driver.shutdownDomain(spec.instanceId, { timeoutMs: 0 });
    await untilState('shutoff', 'shutdown-forced');
  });

  it('re-attaches a fresh driver to a guest that runs on while no driver watches', async () => {
    await driver.startDomain(spec.instanceId);
    await untilReadyCount(3);
    const pid = await qemuPid();
    await driver.close();

    driver = new QemuDriver(config);
    driver.onLifecycleEvent((event) => events.push(event));
    expect(await driver.listDomains()).toEqual([{ instanceId: spec.instanceId, spec, state: 'running', reason: 'booted' }]);
    expect(await qemuPid()).toBe(pid);
    expect(occurrences(await consoleOf(), READY)).toBe(3);
    expect((await driver.resources()).allocated).toEqual({ vcpus: 1, memoryMiB: 128, diskGiB: 1 });

    await driver.destroyDomain(spec.instanceId);
    expect(await driver.domainState(spec.instanceId)).toMatchObject({ state: 'shutoff', reason: 'destroyed' });
    expect(await processesMentioning(work)).not.toContain(pid);
  });

  it('reports a guest whose QEMU was killed as crashed, and destroys it', async () => {
    await driver.startDomain(spec.instanceId);
    await untilState('running', 'booted');
    process.kill(await qemuPid(), 'SIGKILL');
    const crashed = await untilState('crashed', 'guest-crashed');
    expect(crashed.detail).toBe('qemu exited unexpectedly');
    await driver.destroyDomain(spec.instanceId);
    expect(await driver.domainState(spec.instanceId)).toMatchObject({ state: 'shutoff', reason: 'destroyed' });
  });

  it('reports a guest kernel panic as crashed; each guest gets its own metadata', async () => {
    const panicking: DomainSpec = { ...spec, instanceId: 'i-qemu0003', hostName: 'tiny-panic', mac: '00:16:3e:0a:00:03', privateIp: '172.16.0.23' };
    await metadata.serve({
      instanceId: panicking.instanceId,
      hostname: panicking.hostName,
      privateIp: panicking.privateIp,
      userData: '#!/bin/sh\necho c > /proc/sysrq-trigger\n',
    });
    await driver.defineDomain(panicking);
    await driver.startDomain(panicking.instanceId);
    const crashed = await waitFor('the guest to panic', async () => {
      const info = await driver.domainState(panicking.instanceId);
      return info.state === 'crashed' ? info : undefined;
    });
    expect(crashed).toMatchObject({ reason: 'guest-crashed', detail: 'guest kernel panicked' });
    const text = await driver.consoleOutput(panicking.instanceId);
    expect(text).toContain('ecs-metadata: instance-id=i-qemu0003');
    expect(text).toContain('ecs-metadata: hostname=tiny-panic');
    expect(text).not.toContain('i-qemu0001');
    await driver.destroyDomain(panicking.instanceId);
    await driver.undefineDomain(panicking.instanceId);
  });

  it('marks a domain whose QEMU vanished while no driver watched as shut off', async () => {
    await driver.close();
    // A pidfile naming a live process that is not this domain's QEMU (pid reuse): stale.
    await writeFile(join(config.stateDir, spec.instanceId, 'qemu.pid'), `${process.pid}\n`);
    driver = new QemuDriver(config);
    expect(await driver.domainState(spec.instanceId)).toMatchObject({
      state: 'shutoff',
      reason: 'destroyed',
      detail: 'qemu was gone when the driver attached',
    });
  });

  it('fails a start that QEMU refuses as boot-failed, with QEMU\'s reason', async () => {
    const impossible: DomainSpec = { ...spec, instanceId: 'i-qemu0002', vcpus: 4, mac: '00:16:3e:0a:00:02' };
    const tooManyCpus = new QemuDriver({ ...config, stateDir: join(work, 'state-2'), capacity: { vcpus: 1024, memoryMiB: 1024, diskGiB: 20 } });
    try {
      await tooManyCpus.defineDomain({ ...impossible, vcpus: 1000 });
      await tooManyCpus.startDomain(impossible.instanceId);
      const failed = await waitFor('boot-failed', async () => {
        const info = await tooManyCpus.domainState(impossible.instanceId);
        return info.state === 'shutoff' ? info : undefined;
      });
      expect(failed).toMatchObject({ state: 'shutoff', reason: 'boot-failed' });
      expect(failed.detail).toMatch(/cpus/i);
      await tooManyCpus.undefineDomain(impossible.instanceId);
    } finally {
      await tooManyCpus.close();
    }
  });

  it('undefines the domain, its disk and console, and leaves no QEMU process behind', async () => {
    await driver.undefineDomain(spec.instanceId);
    expect(existsSync(join(config.stateDir, spec.instanceId))).toBe(false);
    await expect(driver.consoleOutput(spec.instanceId)).rejects.toBeInstanceOf(DomainNotFoundError);
    expect(await driver.resources()).toMatchObject({ allocated: { vcpus: 0, memoryMiB: 0, diskGiB: 0 }, domainCount: 0 });
    expect(await processesMentioning(work)).toEqual([]);
  });
});
