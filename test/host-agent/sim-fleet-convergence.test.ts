import type { DesiredDomain, DesiredStateSource, HostRegistration, VmStateEvent } from '@ecs/contracts';
import { InProcessCoordinator } from '@ecs/coordination';
import { InProcessEventBus } from '@ecs/events';
import { SimDriver } from '@ecs/hypervisor';
import { configureLogging } from '@ecs/observability';
import { HOSTS_GROUP, HostAgent, type HostAgentOptions } from '../../apps/host-agent/src';

/**
 * A thousand simulated hosts with twenty guests each, one agent per host, over the embedded event
 * bus and coordinator: the fleet converges, then converges again through agent crashes, lost
 * hypervisors, guest crashes and lost commands, with per-instance sequence numbers that never go back.
 */
const HOSTS = 1_000;
const DOMAINS_PER_HOST = 20;
const OPTIONS: HostAgentOptions = {
  resyncIntervalMs: 2_000,
  shutdownTimeoutMs: 1_000,
  backoff: { initialMs: 50, maxMs: 500, jitter: 0.5 },
};

class FleetDesiredState implements DesiredStateSource {
  readonly epoch = 1;
  readonly byHost = new Map<string, Map<string, DesiredDomain>>();

  want(hostId: string, domain: DesiredDomain): void {
    const domains = this.byHost.get(hostId) ?? new Map<string, DesiredDomain>();
    this.byHost.set(hostId, domains);
    domains.set(domain.spec.instanceId, domain);
  }

  async desiredDomains(hostId: string): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    return { epoch: this.epoch, domains: [...(this.byHost.get(hostId)?.values() ?? [])] };
  }
}

/** What control would learn from the VM-state topic: the latest state per instance, in seq order. */
class VmStateView {
  readonly latest = new Map<string, VmStateEvent>();
  readonly everCrashed = new Set<string>();
  seqRegressions = 0;

  async handle(event: VmStateEvent): Promise<void> {
    const previous = this.latest.get(event.instanceId);
    if (previous && event.seq <= previous.seq) this.seqRegressions += 1;
    else this.latest.set(event.instanceId, event);
    if (event.state === 'crashed') this.everCrashed.add(event.instanceId);
  }

  is(instanceId: string, state: VmStateEvent['state'], generation: number): boolean {
    const event = this.latest.get(instanceId);
    return event?.state === state && event.generation === generation;
  }
}

function domainFor(hostIndex: number, n: number, power: DesiredDomain['power'], generation: number): DesiredDomain {
  const instanceId = `i-h${hostIndex}-d${n}`;
  return {
    spec: { instanceId, vcpus: 2, memoryMiB: 4096, diskGiB: 40, imageId: 'm-ubuntu', hostName: instanceId, mac: '00:16:3e:00:00:01', privateIp: '172.16.0.9' },
    power,
    generation,
  };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never converged: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a fleet of simulated hosts', () => {
  const events = new InProcessEventBus();
  const coordinator = new InProcessCoordinator();
  const control = new FleetDesiredState();
  const view = new VmStateView();
  const hosts: Array<{ registration: HostRegistration; driver: SimDriver; agent: HostAgent }> = [];
  const newAgent = (host: { registration: HostRegistration; driver: SimDriver }) =>
    new HostAgent(host.registration, host.driver, events, control, coordinator, OPTIONS);
  const everyDomain = (check: (hostIndex: number, n: number) => boolean) =>
    hosts.every((_, h) => Array.from({ length: DOMAINS_PER_HOST }, (_unused, n) => n).every((n) => check(h, n)));

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    await events.subscribe('ecs.vm-state', 'fleet-test', (event) => view.handle(event));
    for (let h = 0; h < HOSTS; h++) {
      const registration: HostRegistration = {
        hostId: `h-${h}`,
        zoneId: `zone-${h % 3}`,
        address: 'in-process',
        vcpus: 64,
        memoryMiB: 131_072,
        diskGiB: 2_000,
        hostClass: 'general',
        rack: `rack-${h % 10}`,
        cachedImageIds: [],
      };
      const driver = new SimDriver({ hostName: registration.hostId, capacity: registration, bootMs: 50, guestShutdownMs: 50 });
      for (let n = 0; n < DOMAINS_PER_HOST; n++) control.want(registration.hostId, domainFor(h, n, 'on', 1));
      hosts.push({ registration, driver, agent: newAgent({ registration, driver }) });
    }
  });

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.agent.stop()));
    await events.close();
    await coordinator.close();
  });

  it('registers every agent and boots every guest', async () => {
    await Promise.all(hosts.map((host) => host.agent.start()));
    expect(await coordinator.members(HOSTS_GROUP)).toHaveLength(HOSTS);
    await until('all guests running', () => everyDomain((h, n) => view.is(`i-h${h}-d${n}`, 'running', 1)));
  });

  it('converges again through agent crashes, lost hosts, guest crashes and lost commands', async () => {
    const crashedAgents = hosts.slice(0, 100);
    const lostHosts = hosts.slice(100, 150);
    const crashedGuests = hosts.slice(150, 200);
    const commanded = hosts.slice(200, 300);

    await Promise.all(crashedAgents.map((host) => host.agent.crash()));
    for (const host of lostHosts) host.driver.loseHost();
    for (const host of crashedGuests) host.driver.crashGuest(`i-h${hosts.indexOf(host)}-d0`, 'simulated panic');
    // Stop one guest on each of the first 300 hosts; only the last hundred are told so directly.
    for (let h = 0; h < 300; h++) control.want(`h-${h}`, domainFor(h, 1, 'off', 2));
    await Promise.all(commanded.map((host) => host.agent.send({ kind: 'ensure', epoch: 1, domain: domainFor(hosts.indexOf(host), 1, 'off', 2) })));

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await coordinator.members(HOSTS_GROUP)).toHaveLength(HOSTS - crashedAgents.length);
    for (const host of crashedAgents) {
      host.agent = newAgent(host);
      await host.agent.start();
    }
    for (const host of lostHosts) host.driver.restoreHost();

    const wanted = (h: number, n: number) => (h < 300 && n === 1 ? { state: 'shutoff' as const, generation: 2 } : { state: 'running' as const, generation: 1 });
    await until('every guest reported as wanted', () =>
      everyDomain((h, n) => {
        const { state, generation } = wanted(h, n);
        return view.is(`i-h${h}-d${n}`, state, generation);
      }),
    );
    for (let h = 0; h < 300; h++) expect((await hosts[h].driver.domainState(`i-h${h}-d1`)).state).toBe('shutoff');
    for (const host of crashedGuests) {
      const instanceId = `i-h${hosts.indexOf(host)}-d0`;
      expect(view.everCrashed.has(instanceId)).toBe(true);
      expect((await host.driver.domainState(instanceId)).state).toBe('running');
    }
    expect(await coordinator.members(HOSTS_GROUP)).toHaveLength(HOSTS);
    expect(view.seqRegressions).toBe(0);
  });

  it('leaves the hosts group empty when every agent stops', async () => {
    await Promise.all(hosts.map((host) => host.agent.stop()));
    expect(await coordinator.members(HOSTS_GROUP)).toEqual([]);
  });
});
