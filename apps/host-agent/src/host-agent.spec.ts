import {
  StaleEpochError,
  type DesiredDomain,
  type DesiredStateSource,
  type HostRegistration,
  type TopicMap,
  type TopicName,
  type VmStateEvent,
} from '@ecs/contracts';
import type { Candidacy, Coordinator, Lock, Member, Registration } from '@ecs/coordination';
import type { EventBus, Subscription } from '@ecs/events';
import { SimDriver, type DomainLifecycleEvent } from '@ecs/hypervisor';
import { configureLogging } from '@ecs/observability';
import { AgentUnavailableError } from './errors/agent-unavailable.error';
import { HostAgent } from './host-agent';
import { HOSTS_GROUP, type HostAgentOptions } from './host-agent-options';

const BOOT_MS = 1_000;
const GUEST_SHUTDOWN_MS = 500;
const BACKOFF = { initialMs: 100, maxMs: 1_600 };
const OPTIONS: HostAgentOptions = {
  resyncIntervalMs: 30_000,
  resyncJitter: 0,
  shutdownTimeoutMs: 5_000,
  backoff: BACKOFF,
  coalesceMs: 10,
  fullReportIntervalMs: 0,
};
const HOST: HostRegistration = {
  hostId: 'h-test-01',
  zoneId: 'cn-hangzhou-h',
  address: '127.0.0.1:7070',
  vcpus: 16,
  memoryMiB: 32768,
  diskGiB: 1000,
  hostClass: 'g7',
  rack: 'r1',
  cachedImageIds: [],
};

/** Records what the agent publishes; the broker can be made unreachable. */
class RecordingEventBus implements EventBus {
  readonly vmStates: VmStateEvent[] = [];
  readonly keys: string[] = [];
  unreachable = false;

  async publish<T extends TopicName>(topic: T, key: string, event: TopicMap[T]): Promise<void> {
    if (this.unreachable) throw new Error('broker unreachable');
    expect(topic).toBe('ecs.vm-state');
    this.keys.push(key);
    this.vmStates.push(event as VmStateEvent);
  }

  async subscribe<T extends TopicName>(_topic: T): Promise<Subscription> {
    throw new Error('the host agent never subscribes');
  }

  async close(): Promise<void> {}
}

/** Control's desired state for the host, editable without telling the agent (a "lost" command). */
class ControlDesiredState implements DesiredStateSource {
  epoch = 1;
  readonly domains = new Map<string, DesiredDomain>();
  unreachable = false;
  calls = 0;

  want(domain: DesiredDomain): void {
    this.domains.set(domain.spec.instanceId, domain);
  }

  async desiredDomains(hostId: string): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    expect(hostId).toBe(HOST.hostId);
    this.calls += 1;
    if (this.unreachable) throw new Error('control unreachable');
    return { epoch: this.epoch, domains: [...this.domains.values()] };
  }
}

/** Group membership only: the agent neither campaigns nor locks. */
class MembershipCoordinator implements Coordinator {
  private readonly groups = new Map<string, Map<string, unknown>>();

  async register<T>(group: string, memberId: string, data: T): Promise<Registration> {
    const members = this.groups.get(group) ?? new Map<string, unknown>();
    this.groups.set(group, members);
    members.set(memberId, data);
    return {
      update: async (next: unknown) => {
        members.set(memberId, next);
      },
      close: async () => {
        members.delete(memberId);
      },
    };
  }

  async members<T>(group: string): Promise<Member<T>[]> {
    return [...(this.groups.get(group) ?? new Map<string, unknown>())].map(([id, data]) => ({ id, data: data as T }));
  }

  async campaign(): Promise<Candidacy> {
    throw new Error('the host agent never campaigns');
  }

  async watch(): Promise<{ close(): void }> {
    throw new Error('the host agent never watches');
  }

  async lock(): Promise<Lock> {
    throw new Error('the host agent never locks');
  }

  async close(): Promise<void> {}
}

function domain(instanceId: string, power: DesiredDomain['power'], generation: number, vcpus = 2): DesiredDomain {
  return {
    spec: { instanceId, vcpus, memoryMiB: 4096, diskGiB: 40, imageId: 'm-ubuntu', hostName: `web-${instanceId}`, mac: '00:16:3e:00:00:01', privateIp: '172.16.0.5' },
    power,
    generation,
  };
}

function setup() {
  const driver = new SimDriver({ hostName: HOST.hostId, capacity: HOST, bootMs: BOOT_MS, guestShutdownMs: GUEST_SHUTDOWN_MS });
  const events = new RecordingEventBus();
  const control = new ControlDesiredState();
  const coordinator = new MembershipCoordinator();
  const lifecycle: string[] = [];
  driver.onLifecycleEvent((event: DomainLifecycleEvent) => {
    lifecycle.push(event.kind === 'state-changed' ? `${event.instanceId} ${event.state}/${event.reason}` : `${event.instanceId} ${event.kind}`);
  });
  const agents: HostAgent[] = [];
  const newAgent = () => {
    const agent = new HostAgent(HOST, driver, events, control, coordinator, OPTIONS);
    agents.push(agent);
    return agent;
  };
  /** `state@generation` of every event published for one instance, in order. */
  const reported = (instanceId: string) => events.vmStates.filter((e) => e.instanceId === instanceId).map((e) => `${e.state}@${e.generation}`);
  return { driver, events, control, coordinator, lifecycle, newAgent, agents, reported };
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('HostAgent', () => {
  let world: ReturnType<typeof setup>;

  beforeAll(() => configureLogging({ level: 'silent' }));
  beforeEach(() => {
    jest.useFakeTimers();
    world = setup();
  });
  afterEach(async () => {
    for (const agent of world.agents) await agent.crash();
    jest.useRealTimers();
  });

  it('joins the hosts group with its registration and leaves it on stop', async () => {
    const agent = world.newAgent();
    await agent.start();
    expect(await world.coordinator.members(HOSTS_GROUP)).toEqual([{ id: HOST.hostId, data: HOST }]);
    await agent.stop();
    expect(await world.coordinator.members(HOSTS_GROUP)).toEqual([]);
  });

  it('registers with the images its cache holds, and rewrites the registration only after a pass found the cache changed', async () => {
    const cache = { ids: ['m-base'], cachedImageIds: async () => [...cache.ids] };
    let updates = 0;
    const register = world.coordinator.register.bind(world.coordinator);
    jest.spyOn(world.coordinator, 'register').mockImplementation(async (group, memberId, data) => {
      const registration = await register(group, memberId, data);
      return {
        update: async (next: unknown) => {
          updates += 1;
          await registration.update(next);
        },
        close: () => registration.close(),
      };
    });
    const agent = new HostAgent(HOST, world.driver, world.events, world.control, world.coordinator, { ...OPTIONS, imageCache: cache });
    world.agents.push(agent);
    await agent.start();
    expect(await world.coordinator.members(HOSTS_GROUP)).toEqual([{ id: HOST.hostId, data: { ...HOST, cachedImageIds: ['m-base'] } }]);
    // The define pulls the domain's image into the cache, as the qemu driver's image resolver does.
    cache.ids = ['m-base', 'm-ubuntu'];
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 1) });
    await advance(BOOT_MS + 50);
    expect(world.reported('i-1')).toEqual(['running@1']);
    expect(await world.coordinator.members(HOSTS_GROUP)).toEqual([{ id: HOST.hostId, data: { ...HOST, cachedImageIds: ['m-base', 'm-ubuntu'] } }]);
    expect(updates).toBe(1);
  });

  it('boots a domain wanted on and reports it running', async () => {
    world.control.want(domain('i-1', 'on', 1));
    await world.newAgent().start();
    expect((await world.driver.domainState('i-1')).state).toBe('booting');
    expect(world.reported('i-1')).toEqual([]);
    await advance(BOOT_MS + 20);
    expect(world.reported('i-1')).toEqual(['running@1']);
    const [event] = world.events.vmStates;
    expect(event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hostId: HOST.hostId,
      instanceId: 'i-1',
      seq: expect.any(Number),
      state: 'running',
      generation: 1,
      observedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(world.events.keys).toEqual(['i-1']);
  });

  it('acts on a command without waiting for the next resync', async () => {
    const agent = world.newAgent();
    await agent.start();
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 1) });
    await advance(BOOT_MS + 50);
    expect(world.reported('i-1')).toEqual(['running@1']);
    expect(world.control.calls).toBe(1);
  });

  it('takes commands while registering but reconciles only once registered', async () => {
    let registered: () => void = () => undefined;
    const register = world.coordinator.register.bind(world.coordinator);
    jest.spyOn(world.coordinator, 'register').mockImplementation(async (group, memberId, data) => {
      await new Promise<void>((resolve) => (registered = resolve));
      return register(group, memberId, data);
    });
    const starts = jest.spyOn(world.driver, 'startDomain');
    const agent = world.newAgent();
    const starting = agent.start();
    // Control stores desired state before it sends the command, so the first resync carries it too.
    world.control.want(domain('i-1', 'on', 1));
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 1) });
    await advance(100);
    expect(world.control.calls).toBe(0);
    expect(await world.driver.listDomains()).toEqual([]);
    registered();
    await starting;
    await advance(BOOT_MS + 50);
    expect(starts).toHaveBeenCalledTimes(1);
    expect(world.reported('i-1')).toEqual(['running@1']);
  });

  it('rejects commands from a leader older than one it has heard from', async () => {
    world.control.epoch = 5;
    const agent = world.newAgent();
    await agent.start();
    await expect(agent.send({ kind: 'ensure', epoch: 4, domain: domain('i-1', 'on', 1) })).rejects.toEqual(new StaleEpochError(4, 5));
    await agent.send({ kind: 'ensure', epoch: 6, domain: domain('i-2', 'on', 1) });
    await expect(agent.send({ kind: 'remove', epoch: 5, instanceId: 'i-2' })).rejects.toBeInstanceOf(StaleEpochError);
    await advance(BOOT_MS + 50);
    expect((await world.driver.listDomains()).map((d) => `${d.instanceId} ${d.state}`)).toEqual(['i-2 running']);
  });

  it('converges by resync when commands were lost', async () => {
    await world.newAgent().start();
    world.control.want(domain('i-1', 'on', 1));
    await advance(OPTIONS.resyncIntervalMs + BOOT_MS + 50);
    expect(world.reported('i-1')).toEqual(['running@1']);
    world.control.domains.delete('i-1');
    await advance(OPTIONS.resyncIntervalMs + 50);
    expect(world.reported('i-1')).toEqual(['running@1', 'absent@1']);
    expect(await world.driver.listDomains()).toEqual([]);
  });

  it('spreads resyncs over the interval ± the jitter, each drawn afresh', async () => {
    const agent = new HostAgent(HOST, world.driver, world.events, world.control, world.coordinator, { ...OPTIONS, resyncJitter: 0.25 });
    world.agents.push(agent);
    const draws = [0, 0.999];
    const random = jest.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0.5);
    try {
      await agent.start();
      const afterStart = world.control.calls;
      await advance(0.75 * OPTIONS.resyncIntervalMs - 10);
      expect(world.control.calls).toBe(afterStart);
      await advance(20);
      expect(world.control.calls).toBe(afterStart + 1);
      await advance(1.25 * OPTIONS.resyncIntervalMs - 50);
      expect(world.control.calls).toBe(afterStart + 1);
      await advance(50);
      expect(world.control.calls).toBe(afterStart + 2);
    } finally {
      random.mockRestore();
    }
  });

  it('re-reports every desired domain after a resync, even unchanged', async () => {
    world.control.want(domain('i-1', 'on', 1));
    await world.newAgent().start();
    await advance(BOOT_MS + 50);
    await advance(OPTIONS.resyncIntervalMs);
    expect(world.reported('i-1')).toEqual(['running@1', 'running@1']);
    const [first, second] = world.events.vmStates;
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(second.eventId).not.toBe(first.eventId);
  });

  it('re-reports unchanged domains at most once per full-report interval, however often it resyncs', async () => {
    world.control.want(domain('i-1', 'on', 1));
    const agent = new HostAgent(HOST, world.driver, world.events, world.control, world.coordinator, { ...OPTIONS, fullReportIntervalMs: 3 * OPTIONS.resyncIntervalMs });
    world.agents.push(agent);
    await agent.start();
    await advance(BOOT_MS + 50);
    await advance(OPTIONS.resyncIntervalMs);
    await advance(OPTIONS.resyncIntervalMs);
    expect(world.reported('i-1')).toEqual(['running@1']);
    await advance(OPTIONS.resyncIntervalMs);
    expect(world.reported('i-1')).toEqual(['running@1', 'running@1']);
  });

  it('re-attaches after a crash without disturbing running guests', async () => {
    world.control.want(domain('i-1', 'on', 1));
    const first = world.newAgent();
    await first.start();
    await advance(BOOT_MS + 50);
    await first.crash();
    expect(await world.coordinator.members(HOSTS_GROUP)).toEqual([]);
    await expect(first.send({ kind: 'remove', epoch: 1, instanceId: 'i-1' })).rejects.toEqual(new AgentUnavailableError(HOST.hostId, 'crashed'));
    await advance(OPTIONS.resyncIntervalMs * 2);
    expect(world.reported('i-1')).toEqual(['running@1']);

    const lifecycleBefore = world.lifecycle.length;
    await world.newAgent().start();
    expect(await world.coordinator.members(HOSTS_GROUP)).toHaveLength(1);
    expect(world.reported('i-1')).toEqual(['running@1', 'running@1']);
    expect(world.lifecycle.slice(lifecycleBefore)).toEqual([]);
    const [before, after] = world.events.vmStates;
    expect(after.seq).toBeGreaterThan(before.seq);
  });

  it('drops the results of a pass in flight when it crashes', async () => {
    const agent = world.newAgent();
    await agent.start();
    world.control.want(domain('i-1', 'on', 1));
    let release: () => void = () => undefined;
    const original = world.control.desiredDomains.bind(world.control);
    jest.spyOn(world.control, 'desiredDomains').mockImplementation(async (hostId) => {
      await new Promise<void>((resolve) => (release = resolve));
      return original(hostId);
    });
    await advance(OPTIONS.resyncIntervalMs + 20);
    await agent.crash();
    release();
    await advance(BOOT_MS * 2);
    expect(await world.driver.listDomains()).toEqual([]);
    expect(world.events.vmStates).toEqual([]);
  });

  it('reports a failed boot with its reason and leaves the retry to control', async () => {
    world.driver.failBootsOf('i-1', 'corrupt image');
    world.control.want(domain('i-1', 'on', 1));
    const agent = world.newAgent();
    await agent.start();
    await advance(BOOT_MS + 50);
    expect(world.events.vmStates.map((e) => [e.state, e.generation, e.reason])).toEqual([['boot-failed', 1, 'corrupt image']]);
    await advance(OPTIONS.resyncIntervalMs);
    // The resync repeats the failure for control's sake but does not boot again.
    expect(world.reported('i-1')).toEqual(['boot-failed@1', 'boot-failed@1']);
    expect(world.lifecycle.filter((line) => line.includes('booting'))).toHaveLength(1);

    world.driver.clearBootFaults();
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 2) });
    await advance(BOOT_MS + 50);
    expect(world.reported('i-1')).toEqual(['boot-failed@1', 'boot-failed@1', 'running@2']);
  });

  it('reports a domain the host has no room for as a failed boot', async () => {
    world.control.want(domain('i-big', 'on', 1, HOST.vcpus + 1));
    await world.newAgent().start();
    const [event] = world.events.vmStates;
    expect(event).toMatchObject({ instanceId: 'i-big', state: 'boot-failed', generation: 1 });
    expect(event.reason).toContain('vCPU');
  });

  it('restarts a guest that crashed while wanted on and reports the crash', async () => {
    world.control.want(domain('i-1', 'on', 1));
    await world.newAgent().start();
    await advance(BOOT_MS + 50);
    world.driver.crashGuest('i-1', 'kernel BUG at mm/slub.c');
    await advance(50);
    expect(world.events.vmStates.at(-1)).toMatchObject({ state: 'crashed', reason: 'kernel BUG at mm/slub.c' });
    await advance(BOOT_MS);
    expect(world.reported('i-1')).toEqual(['running@1', 'crashed@1', 'running@1']);
    expect((await world.driver.domainState('i-1')).state).toBe('running');
  });

  it('backs off exponentially while the host is lost, then recovers', async () => {
    const agent = world.newAgent();
    await agent.start();
    const listedAt: number[] = [];
    const list = world.driver.listDomains.bind(world.driver);
    jest.spyOn(world.driver, 'listDomains').mockImplementation(() => {
      listedAt.push(Date.now());
      return list();
    });
    world.driver.loseHost();
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 1) });
    await advance(10_000);
    const gaps = listedAt.slice(1).map((at, i) => at - listedAt[i]);
    expect(gaps.slice(0, 6)).toEqual([100, 200, 400, 800, 1_600, 1_600]);

    world.driver.restoreHost();
    await advance(1_600 + BOOT_MS + 50);
    expect(world.reported('i-1')).toEqual(['running@1']);
    const passesAfterRecovery = listedAt.length;
    await advance(10_000);
    expect(listedAt.length - passesAfterRecovery).toBeLessThanOrEqual(2);
  });

  it('keeps retrying while control is unreachable and never tears down domains it cannot yet judge', async () => {
    await world.driver.defineDomain(domain('i-1', 'on', 1).spec);
    await world.driver.startDomain('i-1');
    await advance(BOOT_MS);
    world.control.unreachable = true;
    world.control.want(domain('i-1', 'on', 1));
    await world.newAgent().start();
    await advance(5_000);
    expect(world.control.calls).toBeGreaterThan(3);
    expect((await world.driver.domainState('i-1')).state).toBe('running');
    world.control.unreachable = false;
    await advance(BACKOFF.maxMs + 50);
    expect(world.reported('i-1')).toEqual(['running@1']);
    expect(world.lifecycle.filter((line) => line.includes('booting'))).toHaveLength(1);
  });

  it('tears down domains on the host that control does not want', async () => {
    await world.driver.defineDomain(domain('i-stray', 'on', 1).spec);
    await world.driver.startDomain('i-stray');
    await world.newAgent().start();
    expect(await world.driver.listDomains()).toEqual([]);
    expect((await world.driver.resources()).allocated).toEqual({ vcpus: 0, memoryMiB: 0, diskGiB: 0 });
    expect(world.reported('i-stray')).toEqual(['absent@0']);
  });

  it('publishes reports held back by an event-bus outage once, when it ends', async () => {
    world.events.unreachable = true;
    world.control.want(domain('i-1', 'on', 1));
    await world.newAgent().start();
    await advance(BOOT_MS + 3_000);
    world.events.unreachable = false;
    await advance(BACKOFF.maxMs + 50);
    await advance(5_000);
    expect(world.reported('i-1')).toEqual(['running@1']);
  });

  it('stops a guest gracefully, or at once when destroyed', async () => {
    world.control.want(domain('i-1', 'on', 1));
    world.control.want(domain('i-2', 'on', 1));
    const agent = world.newAgent();
    await agent.start();
    await advance(BOOT_MS + 50);
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'off', 2) });
    await agent.send({ kind: 'destroy', epoch: 1, instanceId: 'i-2' });
    await advance(20);
    expect(await world.driver.domainState('i-2')).toMatchObject({ state: 'shutoff', reason: 'destroyed' });
    expect((await world.driver.domainState('i-1')).state).toBe('shutting-down');
    await advance(GUEST_SHUTDOWN_MS);
    expect(await world.driver.domainState('i-1')).toMatchObject({ state: 'shutoff', reason: 'shutdown' });
    expect(world.reported('i-1')).toEqual(['running@1', 'shutoff@2']);
    expect(world.reported('i-2')).toEqual(['running@1', 'shutoff@1']);
  });

  it('reboots once per reboot generation and reports the new generation when back up', async () => {
    world.control.want(domain('i-1', 'on', 1));
    const agent = world.newAgent();
    await agent.start();
    await advance(BOOT_MS + 50);
    await agent.send({ kind: 'reboot', epoch: 1, instanceId: 'i-1', generation: 2 });
    await advance(20);
    expect(await world.driver.domainState('i-1')).toMatchObject({ state: 'booting', reason: 'rebooting' });
    await advance(BOOT_MS);
    await agent.send({ kind: 'reboot', epoch: 1, instanceId: 'i-1', generation: 2 });
    await advance(BOOT_MS + 50);
    expect(world.lifecycle.filter((line) => line.endsWith('booting/rebooting'))).toHaveLength(1);
    expect(world.reported('i-1')).toEqual(['running@1', 'running@2']);
  });

  it('removes a domain: destroys it, undefines it and reports it absent', async () => {
    world.control.want(domain('i-1', 'on', 3));
    const agent = world.newAgent();
    await agent.start();
    await advance(BOOT_MS + 50);
    await agent.send({ kind: 'remove', epoch: 1, instanceId: 'i-1' });
    await advance(20);
    expect(world.reported('i-1')).toEqual(['running@3', 'absent@3']);
    expect(await world.driver.listDomains()).toEqual([]);
  });

  it('confirms the removal of a domain it never defined (launch and delete in one pass)', async () => {
    const agent = world.newAgent();
    await agent.start();
    await agent.send({ kind: 'ensure', epoch: 1, domain: domain('i-1', 'on', 1) });
    await agent.send({ kind: 'remove', epoch: 1, instanceId: 'i-1' });
    await advance(20);
    expect(world.reported('i-1')).toEqual(['absent@0']);
    expect(await world.driver.listDomains()).toEqual([]);
  });

  it('serves a burst of commands with one pass', async () => {
    const agent = world.newAgent();
    await agent.start();
    const list = jest.spyOn(world.driver, 'listDomains');
    await Promise.all(Array.from({ length: 20 }, (_, i) => agent.send({ kind: 'ensure', epoch: 1, domain: domain(`i-${i}`, 'off', 1, 1) })));
    await advance(100);
    // One pass observes twice; its own define events may ask for one follow-up pass.
    expect(list.mock.calls.length).toBeLessThanOrEqual(4);
    expect(world.events.vmStates).toHaveLength(20);
  });

  it('rejects commands before start and after stop', async () => {
    const agent = world.newAgent();
    await expect(agent.send({ kind: 'remove', epoch: 1, instanceId: 'i-1' })).rejects.toEqual(new AgentUnavailableError(HOST.hostId, 'not-started'));
    await agent.start();
    await agent.stop();
    await expect(agent.send({ kind: 'remove', epoch: 1, instanceId: 'i-1' })).rejects.toEqual(new AgentUnavailableError(HOST.hostId, 'stopped'));
  });
});
