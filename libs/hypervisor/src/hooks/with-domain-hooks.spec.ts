import type { DomainSpec } from '@ecs/contracts';
import { configureLogging } from '@ecs/observability';
import { DomainStateError } from '../errors/hypervisor-errors';
import { SimDriver } from '../sim/sim-driver';
import { withDomainHooks } from './with-domain-hooks';

const SPEC: DomainSpec = {
  instanceId: 'i-hooked',
  vcpus: 1,
  memoryMiB: 512,
  diskGiB: 10,
  imageId: 'm-any',
  hostName: 'hooked',
  mac: '00:16:3e:00:00:07',
  privateIp: '172.16.0.7',
};

describe('withDomainHooks', () => {
  let sim: SimDriver;
  let calls: string[];

  beforeAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => {
    sim = new SimDriver({ hostName: 'h-hooks', capacity: { vcpus: 4, memoryMiB: 4096, diskGiB: 100 }, bootMs: 0, guestShutdownMs: 0 });
    calls = [];
    sim.onLifecycleEvent((event) => calls.push(event.kind === 'state-changed' ? `${event.state}/${event.reason}` : event.kind));
  });

  const hooked = () =>
    withDomainHooks(sim, {
      beforeStart: async (instanceId) => void calls.push(`beforeStart ${instanceId}`),
      afterUndefine: async (instanceId) => void calls.push(`afterUndefine ${instanceId}`),
    });

  it('runs beforeStart ahead of the boot and afterUndefine once the domain is gone', async () => {
    const driver = hooked();
    await driver.defineDomain(SPEC);
    await driver.startDomain(SPEC.instanceId);
    await driver.destroyDomain(SPEC.instanceId);
    await driver.undefineDomain(SPEC.instanceId);
    expect(calls).toEqual(['defined', 'beforeStart i-hooked', 'booting/starting', 'shutoff/destroyed', 'undefined', 'afterUndefine i-hooked']);
    expect(await driver.listDomains()).toEqual([]);
  });

  it('does not start a domain whose beforeStart failed', async () => {
    const driver = withDomainHooks(sim, { beforeStart: async () => Promise.reject(new Error('no metadata socket')) });
    await driver.defineDomain(SPEC);
    await expect(driver.startDomain(SPEC.instanceId)).rejects.toThrow('no metadata socket');
    expect(await driver.domainState(SPEC.instanceId)).toMatchObject({ state: 'shutoff', reason: 'defined' });
  });

  it('runs no afterUndefine when the undefine is refused', async () => {
    const driver = hooked();
    await driver.defineDomain(SPEC);
    await driver.startDomain(SPEC.instanceId);
    await expect(driver.undefineDomain(SPEC.instanceId)).rejects.toBeInstanceOf(DomainStateError);
    expect(calls).not.toContain('afterUndefine i-hooked');
  });
});
