import type { DomainSpec } from '@ecs/contracts';
import { HostLostError, SimDriver } from '@ecs/hypervisor';
import { configureLogging, createLogger } from '@ecs/observability';
import { ActionExecutor } from './action-executor';
import type { DomainMemory } from './domain-memory';

function spec(instanceId: string, vcpus = 1): DomainSpec {
  return { instanceId, vcpus, memoryMiB: 1024, diskGiB: 10, imageId: 'm-1', hostName: instanceId, mac: '00:16:3e:00:00:01', privateIp: '10.0.0.2' };
}

function setup() {
  const driver = new SimDriver({ hostName: 'h-exec', capacity: { vcpus: 4, memoryMiB: 8192, diskGiB: 100 }, bootMs: 1_000 });
  const executor = new ActionExecutor(driver, 1_000, createLogger('action-executor.spec'));
  return { driver, executor, memory: new Map<string, DomainMemory>(), signal: new AbortController().signal };
}

describe('ActionExecutor', () => {
  beforeAll(() => configureLogging({ level: 'silent' }));

  it('remembers the generation each boot and reboot served', async () => {
    const { driver, executor, memory, signal } = setup();
    await executor.execute([{ kind: 'define', spec: spec('i-1') }, { kind: 'start', instanceId: 'i-1', generation: 3, rebootGeneration: 2 }], memory, signal);
    expect(memory.get('i-1')).toEqual({ bootAttemptGeneration: 3, rebootedGeneration: 2 });
    expect((await driver.domainState('i-1')).state).toBe('booting');
  });

  it('skips the rest of a domain whose call raced a transition, and carries on with the others', async () => {
    const { driver, executor, memory, signal } = setup();
    await driver.defineDomain(spec('i-1'));
    const result = await executor.execute(
      [
        { kind: 'destroy', instanceId: 'i-1' },
        { kind: 'undefine', instanceId: 'i-1' },
        { kind: 'define', spec: spec('i-2') },
      ],
      memory,
      signal,
    );
    expect(result).toEqual({ failures: [], undefined: [], raced: true });
    expect((await driver.listDomains()).map((d) => d.instanceId).sort()).toEqual(['i-1', 'i-2']);
  });

  it('reports domains the host cannot build as failures', async () => {
    const { executor, memory, signal } = setup();
    const result = await executor.execute([{ kind: 'define', spec: spec('i-big', 8) }, { kind: 'start', instanceId: 'i-big', generation: 1, rebootGeneration: undefined }], memory, signal);
    expect(result.failures).toEqual([{ instanceId: 'i-big', reason: expect.stringContaining('needs 8 vCPU') }]);
    expect(result.raced).toBe(false);
    expect(memory.has('i-big')).toBe(false);
  });

  it('lists what it undefined', async () => {
    const { driver, executor, memory, signal } = setup();
    await driver.defineDomain(spec('i-1'));
    expect((await executor.execute([{ kind: 'undefine', instanceId: 'i-1' }], memory, signal)).undefined).toEqual(['i-1']);
  });

  it('aborts the pass when the host is lost', async () => {
    const { driver, executor, memory, signal } = setup();
    driver.loseHost();
    await expect(executor.execute([{ kind: 'define', spec: spec('i-1') }], memory, signal)).rejects.toBeInstanceOf(HostLostError);
  });

  it('makes no call once the agent has died', async () => {
    const { driver, executor, memory } = setup();
    const dead = new AbortController();
    dead.abort();
    await expect(executor.execute([{ kind: 'define', spec: spec('i-1') }], memory, dead.signal)).rejects.toThrow();
    expect(await driver.listDomains()).toEqual([]);
  });
});
