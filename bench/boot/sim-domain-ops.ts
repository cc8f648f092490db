import { performance } from 'node:perf_hooks';
import type { DesiredDomain, DesiredStateSource, DomainSpec, HostRegistration, VmStateEvent } from '@ecs/contracts';
import { InProcessCoordinator } from '@ecs/coordination';
import { InProcessEventBus } from '@ecs/events';
import { SimDriver, type DomainState } from '@ecs/hypervisor';
import { HostAgent } from '../../apps/host-agent/src';
import { round } from '../support/stats';

/** Four domain operations per guest: define, start, stop (ACPI), undefine. */
const OPS_PER_DOMAIN = 4;

export interface DomainOpsResult {
  readonly domains: number;
  /** Guests in flight at once (one batch of commands). */
  readonly batch: number;
  readonly bareOpsPerSecond: number;
  readonly agentOpsPerSecond: number;
  readonly ratio: number;
}

/**
 * Domain operations per second on one host with instant boots and shutdowns: through a HostAgent
 * (commands, reconcile passes, VM-state events on the in-process bus), against the same calls made
 * straight on a SimDriver in the same run. Each runs twice; the better run counts.
 */
export async function measureDomainOps(domains: number, batch: number): Promise<DomainOpsResult> {
  let bare = 0;
  let agent = 0;
  for (let round = 0; round < 2; round++) {
    bare = Math.max(bare, await bareOpsPerSecond(domains, batch));
    agent = Math.max(agent, await agentOpsPerSecond(domains, batch));
  }
  return { domains, batch, bareOpsPerSecond: Math.round(bare), agentOpsPerSecond: Math.round(agent), ratio: round(agent / bare, 3) };
}

function spec(n: number): DomainSpec {
  return { instanceId: `i-bench${String(n).padStart(7, '0')}`, vcpus: 1, memoryMiB: 512, diskGiB: 20, imageId: 'm-bench', hostName: `bench-${n}`, mac: '00:16:3e:00:00:01', privateIp: '172.16.0.9' };
}

function simHost(batch: number): SimDriver {
  return new SimDriver({ hostName: 'h-bench', capacity: { vcpus: batch, memoryMiB: batch * 512, diskGiB: batch * 20 }, bootMs: 0, guestShutdownMs: 0 });
}

async function bareOpsPerSecond(domains: number, batch: number): Promise<number> {
  const driver = simHost(batch);
  const waiting = new Map<string, { state: DomainState; resolve: () => void }>();
  driver.onLifecycleEvent((event) => {
    const waiter = waiting.get(event.instanceId);
    if (event.kind === 'state-changed' && waiter?.state === event.state) {
      waiting.delete(event.instanceId);
      waiter.resolve();
    }
  });
  const until = (instanceId: string, state: DomainState) => new Promise<void>((resolve) => waiting.set(instanceId, { state, resolve }));
  const started = performance.now();
  for (let first = 0; first < domains; first += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, domains - first) }, async (_, k) => {
        const domain = spec(first + k);
        await driver.defineDomain(domain);
        const running = until(domain.instanceId, 'running');
        await driver.startDomain(domain.instanceId);
        await running;
        const off = until(domain.instanceId, 'shutoff');
        await driver.shutdownDomain(domain.instanceId, { timeoutMs: 5_000 });
        await off;
        await driver.undefineDomain(domain.instanceId);
      }),
    );
  }
  return (domains * OPS_PER_DOMAIN * 1000) / (performance.now() - started);
}

/** Control's side, reduced to what the agent sees: desired state to pull, and VM-state events to wait for. */
class BenchControl implements DesiredStateSource {
  readonly desired = new Map<string, DesiredDomain>();
  private readonly waiting = new Map<string, { state: VmStateEvent['state']; generation: number; resolve: () => void }>();

  async desiredDomains(): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    return { epoch: 1, domains: [...this.desired.values()] };
  }

  async observe(event: VmStateEvent): Promise<void> {
    const waiter = this.waiting.get(event.instanceId);
    if (waiter?.state === event.state && event.generation >= waiter.generation) {
      this.waiting.delete(event.instanceId);
      waiter.resolve();
    }
  }

  until(instanceId: string, state: VmStateEvent['state'], generation: number): Promise<void> {
    return new Promise((resolve) => this.waiting.set(instanceId, { state, generation, resolve }));
  }
}

async function agentOpsPerSecond(domains: number, batch: number): Promise<number> {
  const events = new InProcessEventBus();
  const coordinator = new InProcessCoordinator();
  const control = new BenchControl();
  await events.subscribe('ecs.vm-state', 'bench', (event) => control.observe(event));
  const registration: HostRegistration = { hostId: 'h-bench', zoneId: 'bench-a', address: 'in-process', vcpus: batch, memoryMiB: batch * 512, diskGiB: batch * 20, hostClass: 'general', rack: 'r1', cachedImageIds: [] };
  // Resync only at start: the benchmark measures commands and passes, not periodic full pulls.
  const agent = new HostAgent(registration, simHost(batch), events, control, coordinator, { resyncIntervalMs: 3_600_000, shutdownTimeoutMs: 5_000 });
  await agent.start();
  try {
    const started = performance.now();
    for (let first = 0; first < domains; first += batch) {
      const specs = Array.from({ length: Math.min(batch, domains - first) }, (_, k) => spec(first + k));
      await phase(agent, control, specs, 'on', 1, 'running');
      await phase(agent, control, specs, 'off', 2, 'shutoff');
      const gone = specs.map((s) => control.until(s.instanceId, 'absent', 0));
      for (const s of specs) {
        control.desired.delete(s.instanceId);
        await agent.send({ kind: 'remove', epoch: 1, instanceId: s.instanceId });
      }
      await Promise.all(gone);
    }
    return (domains * OPS_PER_DOMAIN * 1000) / (performance.now() - started);
  } finally {
    await agent.stop();
    await events.close();
    await coordinator.close();
  }
}

async function phase(agent: HostAgent, control: BenchControl, specs: readonly DomainSpec[], power: DesiredDomain['power'], generation: number, state: VmStateEvent['state']): Promise<void> {
  const reached = specs.map((s) => control.until(s.instanceId, state, generation));
  for (const s of specs) {
    const domain: DesiredDomain = { spec: s, power, generation };
    control.desired.set(s.instanceId, domain);
    await agent.send({ kind: 'ensure', epoch: 1, domain });
  }
  await Promise.all(reached);
}
