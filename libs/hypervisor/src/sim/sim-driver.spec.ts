import type { DomainSpec } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import type { DomainLifecycleEvent } from '../driver/hypervisor-driver';
import {
  DomainNotFoundError,
  DomainStateError,
  HostLostError,
  InsufficientResourcesError,
  InvalidDomainSpecError,
} from '../errors/hypervisor-errors';
import { SimDriver } from './sim-driver';

const BOOT_MS = 1_000;
const GUEST_SHUTDOWN_MS = 500;

function spec(instanceId: string, overrides: Partial<DomainSpec> = {}): DomainSpec {
  return {
    instanceId,
    vcpus: 2,
    memoryMiB: 4096,
    diskGiB: 40,
    imageId: 'm-ubuntu2204',
    hostName: `guest-${instanceId}`,
    mac: '00:16:3e:00:00:01',
    privateIp: '172.16.0.10',
    ...overrides,
  };
}

function newDriver(capacity = { vcpus: 8, memoryMiB: 16384, diskGiB: 500 }): SimDriver {
  return new SimDriver({ hostName: 'h-test-01', capacity, bootMs: BOOT_MS, guestShutdownMs: GUEST_SHUTDOWN_MS });
}

async function runningDomain(driver: SimDriver, instanceId: string): Promise<void> {
  await driver.defineDomain(spec(instanceId));
  await driver.startDomain(instanceId);
  await jest.advanceTimersByTimeAsync(BOOT_MS);
}

describe('SimDriver', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('define and undefine', () => {
    it('defines a domain shut off and claims its resources', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'shutoff', reason: 'defined' });
      expect(await driver.resources()).toEqual({
        capacity: { vcpus: 8, memoryMiB: 16384, diskGiB: 500 },
        allocated: { vcpus: 2, memoryMiB: 4096, diskGiB: 40 },
        domainCount: 1,
      });
    });

    it('is idempotent for an equal spec', async () => {
      const driver = newDriver();
      const events: DomainLifecycleEvent[] = [];
      driver.onLifecycleEvent((event) => events.push(event));
      await runningDomain(driver, 'i-a');
      events.length = 0;
      await driver.defineDomain(spec('i-a'));
      expect(events).toEqual([]);
      expect((await driver.domainState('i-a')).state).toBe('running');
      expect((await driver.resources()).allocated.vcpus).toBe(2);
    });

    it('replaces a shut-off definition and re-accounts its claim', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      await driver.defineDomain(spec('i-a', { vcpus: 4, memoryMiB: 8192 }));
      expect((await driver.resources()).allocated).toEqual({ vcpus: 4, memoryMiB: 8192, diskGiB: 40 });
      expect((await driver.domainState('i-a')).spec.vcpus).toBe(4);
    });

    it('refuses a different spec while the domain is not shut off', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await expect(driver.defineDomain(spec('i-a', { vcpus: 4 }))).rejects.toBeInstanceOf(DomainStateError);
    });

    it('refuses to define beyond host capacity and claims nothing', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a', { vcpus: 6 }));
      const refused = driver.defineDomain(spec('i-b', { vcpus: 4 }));
      await expect(refused).rejects.toBeInstanceOf(InsufficientResourcesError);
      await expect(refused).rejects.toThrow('host has 2 vCPU/12288 MiB/460 GiB free');
      expect(await driver.resources()).toMatchObject({ allocated: { vcpus: 6 }, domainCount: 1 });
    });

    it('lets a redefinition grow into the capacity its own old claim frees', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a', { vcpus: 6 }));
      await driver.defineDomain(spec('i-a', { vcpus: 8 }));
      expect((await driver.resources()).allocated.vcpus).toBe(8);
    });

    it('rejects specs no hypervisor could build', async () => {
      const driver = newDriver();
      await expect(driver.defineDomain(spec('i-a', { vcpus: 0 }))).rejects.toBeInstanceOf(InvalidDomainSpecError);
      await expect(driver.defineDomain(spec('i-a', { memoryMiB: 1.5 }))).rejects.toBeInstanceOf(InvalidDomainSpecError);
      await expect(driver.defineDomain(spec(' '))).rejects.toBeInstanceOf(InvalidDomainSpecError);
    });

    it('undefines only shut-off domains and releases their claim', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await expect(driver.undefineDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
      await driver.destroyDomain('i-a');
      await driver.undefineDomain('i-a');
      expect(await driver.listDomains()).toEqual([]);
      expect(await driver.resources()).toMatchObject({ allocated: { vcpus: 0, memoryMiB: 0, diskGiB: 0 }, domainCount: 0 });
      await expect(driver.domainState('i-a')).rejects.toBeInstanceOf(DomainNotFoundError);
    });
  });

  describe('power', () => {
    it('boots through booting to running after the boot time', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      await driver.startDomain('i-a');
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'booting', reason: 'starting' });
      await jest.advanceTimersByTimeAsync(BOOT_MS - 1);
      expect((await driver.domainState('i-a')).state).toBe('booting');
      await jest.advanceTimersByTimeAsync(1);
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'running', reason: 'booted' });
    });

    it('refuses to start a domain that is not shut off', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await expect(driver.startDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
      await expect(driver.startDomain('i-missing')).rejects.toBeInstanceOf(DomainNotFoundError);
    });

    it('shuts a guest down gracefully when it powers off within the timeout', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await driver.shutdownDomain('i-a', { timeoutMs: 10_000 });
      expect((await driver.domainState('i-a')).state).toBe('shutting-down');
      await driver.shutdownDomain('i-a', { timeoutMs: 10_000 });
      await jest.advanceTimersByTimeAsync(GUEST_SHUTDOWN_MS);
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'shutoff', reason: 'shutdown' });
    });

    it('forces a guest off when it does not power off within the timeout', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await driver.shutdownDomain('i-a', { timeoutMs: 100 });
      await jest.advanceTimersByTimeAsync(100);
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'shutoff', reason: 'shutdown-forced' });
    });

    it('refuses to shut down a domain that is off or crashed', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      await expect(driver.shutdownDomain('i-a', { timeoutMs: 100 })).rejects.toBeInstanceOf(DomainStateError);
    });

    it('destroys at once, abandoning a graceful shutdown', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await driver.shutdownDomain('i-a', { timeoutMs: 10_000 });
      await driver.destroyDomain('i-a');
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'shutoff', reason: 'destroyed' });
      await jest.advanceTimersByTimeAsync(10_000);
      expect((await driver.domainState('i-a')).reason).toBe('destroyed');
      await expect(driver.destroyDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
    });

    it('destroys a booting domain before its boot completes', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      await driver.startDomain('i-a');
      await driver.destroyDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect((await driver.domainState('i-a')).state).toBe('shutoff');
    });

    it('reboots a running guest', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      await driver.rebootDomain('i-a');
      expect(await driver.domainState('i-a')).toMatchObject({ state: 'booting', reason: 'rebooting' });
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect((await driver.domainState('i-a')).state).toBe('running');
      await driver.destroyDomain('i-a');
      await expect(driver.rebootDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
    });
  });

  describe('lifecycle events', () => {
    it('reports every transition after it is visible, until unsubscribed', async () => {
      const driver = newDriver();
      const seen: string[] = [];
      const unsubscribe = driver.onLifecycleEvent((event) => {
        seen.push(event.kind === 'state-changed' ? `${event.state}/${event.reason}` : event.kind);
      });
      await runningDomain(driver, 'i-a');
      await driver.destroyDomain('i-a');
      await driver.undefineDomain('i-a');
      unsubscribe();
      await driver.defineDomain(spec('i-b'));
      expect(seen).toEqual(['defined', 'booting/starting', 'running/booted', 'shutoff/destroyed', 'undefined']);
    });

    it('keeps delivering to other listeners when one throws, and logs the culprit', async () => {
      const logged: string[] = [];
      configureLogging({ level: 'warn', sink: (line) => logged.push(line) });
      const driver = newDriver();
      const seen: string[] = [];
      driver.onLifecycleEvent(() => {
        throw new Error('listener bug');
      });
      driver.onLifecycleEvent((event) => seen.push(event.kind));
      await driver.defineDomain(spec('i-a'));
      configureLogging({ level: 'silent' });
      expect(seen).toEqual(['defined']);
      expect(logged.map((line) => JSON.parse(line) as { message: string })).toEqual([expect.objectContaining({ message: 'lifecycle listener threw' })]);
    });
  });

  describe('faults', () => {
    it('fails the next N boots with the reason, then boots normally', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      driver.failNextBoots(2, 'no bootable device');
      for (let attempt = 0; attempt < 2; attempt++) {
        await driver.startDomain('i-a');
        await jest.advanceTimersByTimeAsync(BOOT_MS);
        expect(await driver.domainState('i-a')).toEqual(
          expect.objectContaining({ state: 'shutoff', reason: 'boot-failed', detail: 'no bootable device' }),
        );
      }
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      const info = await driver.domainState('i-a');
      expect(info.state).toBe('running');
      expect(info.detail).toBeUndefined();
    });

    it('fails every boot of one domain until the faults are cleared', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      await driver.defineDomain(spec('i-b'));
      driver.failBootsOf('i-a', 'corrupt image');
      await driver.startDomain('i-a');
      await driver.startDomain('i-b');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect((await driver.domainState('i-a')).reason).toBe('boot-failed');
      expect((await driver.domainState('i-b')).state).toBe('running');
      driver.clearBootFaults();
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect((await driver.domainState('i-a')).state).toBe('running');
    });

    it('crashes only running guests; a crashed guest is destroyed before it starts again', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      expect(() => driver.crashGuest('i-a')).toThrow(DomainStateError);
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      driver.crashGuest('i-a', 'kernel BUG at mm/slub.c');
      expect(await driver.domainState('i-a')).toEqual(
        expect.objectContaining({ state: 'crashed', reason: 'guest-crashed', detail: 'kernel BUG at mm/slub.c' }),
      );
      await expect(driver.startDomain('i-a')).rejects.toBeInstanceOf(DomainStateError);
      await driver.destroyDomain('i-a');
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect((await driver.domainState('i-a')).state).toBe('running');
    });

    it('fails every call while the host is lost, yet guests keep evolving silently', async () => {
      const driver = newDriver();
      const events: DomainLifecycleEvent[] = [];
      driver.onLifecycleEvent((event) => events.push(event));
      await driver.defineDomain(spec('i-a'));
      await driver.startDomain('i-a');
      events.length = 0;
      driver.loseHost();
      const calls: Array<() => Promise<unknown>> = [
        () => driver.defineDomain(spec('i-b')),
        () => driver.startDomain('i-a'),
        () => driver.shutdownDomain('i-a', { timeoutMs: 1 }),
        () => driver.destroyDomain('i-a'),
        () => driver.rebootDomain('i-a'),
        () => driver.undefineDomain('i-a'),
        () => driver.listDomains(),
        () => driver.domainState('i-a'),
        () => driver.consoleOutput('i-a'),
        () => driver.resources(),
      ];
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(HostLostError);
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect(events).toEqual([]);
      driver.restoreHost();
      expect((await driver.domainState('i-a')).state).toBe('running');
    });
  });

  describe('console', () => {
    it('shows a boot log naming the instance, the guest and the host', async () => {
      const driver = newDriver();
      await runningDomain(driver, 'i-a');
      const output = await driver.consoleOutput('i-a');
      expect(output).toContain('Linux version');
      expect(output).toContain('instance-id i-a');
      expect(output).toContain('h-test-01');
      expect(output).toContain('guest-i-a login:');
    });

    it('shows why a boot failed', async () => {
      const driver = newDriver();
      await driver.defineDomain(spec('i-a'));
      driver.failBootsOf('i-a', 'corrupt image');
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(BOOT_MS);
      expect(await driver.consoleOutput('i-a')).toContain('Kernel panic - not syncing: corrupt image');
    });

    it('keeps only the last bytes, cut at a line boundary', async () => {
      const limit = 2048;
      const driver = new SimDriver({ hostName: 'h-1', capacity: { vcpus: 4, memoryMiB: 4096, diskGiB: 100 }, bootMs: 10, consoleLimitBytes: limit });
      await driver.defineDomain(spec('i-a'));
      await driver.startDomain('i-a');
      await jest.advanceTimersByTimeAsync(10);
      for (let i = 0; i < 20; i++) {
        await driver.rebootDomain('i-a');
        await jest.advanceTimersByTimeAsync(10);
      }
      const output = await driver.consoleOutput('i-a');
      expect(Buffer.byteLength(output)).toBeLessThanOrEqual(limit);
      expect(Buffer.byteLength(output)).toBeGreaterThan(limit / 2);
      expect(output.endsWith('guest-i-a login:\n')).toBe(true);
      expect(output.split('\n')[0]).toMatch(/^(\[|SeaBIOS|Booting|cloud-init|guest-i-a|$)/);
    });
  });

  it('holds no timers for idle domains, even thousands of them', async () => {
    const hosts = Array.from({ length: 1000 }, (_, i) => new SimDriver({ hostName: `h-${i}`, capacity: { vcpus: 96, memoryMiB: 393216, diskGiB: 4000 }, bootMs: BOOT_MS }));
    for (const driver of hosts) {
      for (let d = 0; d < 20; d++) {
        await driver.defineDomain(spec(`i-${d}`, { vcpus: 4, memoryMiB: 8192 }));
        await driver.startDomain(`i-${d}`);
      }
    }
    expect(jest.getTimerCount()).toBe(20_000);
    await jest.advanceTimersByTimeAsync(BOOT_MS);
    expect(jest.getTimerCount()).toBe(0);
    expect((await hosts[999].listDomains()).every((domain) => domain.state === 'running')).toBe(true);
  });
});
