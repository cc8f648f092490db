import type { DomainSpec } from '@ecs/contracts';
import { createLogger, type Logger } from '@ecs/observability';
import type { DomainState, DomainStateReason } from '../driver/domain-state';
import { assertValidDomainSpec, domainSpecsEqual } from '../driver/domain-spec';
import type {
  DomainInfo,
  DomainLifecycleEvent,
  DomainLifecycleListener,
  HypervisorDriver,
  ShutdownOptions,
} from '../driver/hypervisor-driver';
import {
  addResources,
  demandOf,
  fitsWithin,
  NO_RESOURCES,
  subtractResources,
  type HostResources,
  type ResourceAmounts,
} from '../driver/resources';
import {
  DomainNotFoundError,
  DomainStateError,
  HostLostError,
  InsufficientResourcesError,
} from '../errors/hypervisor-errors';
import { BootFaults } from './boot-faults';
import { ConsoleTranscript, type ConsoleEntry } from './sim-console';
import { SIM_DRIVER_DEFAULTS, type SimDriverConfig, type SimDriverOptions } from './sim-driver-options';

interface SimDomain {
  spec: DomainSpec;
  state: DomainState;
  reason: DomainStateReason;
  detail: string | undefined;
  /** Pending only while booting or shutting down, so idle domains hold no timers. */
  timer: NodeJS.Timeout | undefined;
  readonly console: ConsoleTranscript;
}

const DEFAULT_BOOT_FAILURE = 'VFS: Unable to mount root fs on unknown-block(253,1)';
const DEFAULT_CRASH = 'Fatal exception in interrupt';

/**
 * A KVM host in memory: domains boot and shut down on timers, resources are claimed at define time,
 * and tests inject boot failures, guest crashes and loss of the host.
 */
export class SimDriver implements HypervisorDriver {
  private readonly options: SimDriverOptions;
  private readonly domains = new Map<string, SimDomain>();
  private readonly listeners = new Set<DomainLifecycleListener>();
  private readonly bootFaults = new BootFaults();
  private readonly log: Logger;
  private allocated: ResourceAmounts = NO_RESOURCES;
  private lost = false;

  constructor(config: SimDriverConfig) {
    this.options = { ...SIM_DRIVER_DEFAULTS, ...config };
    this.log = createLogger('hypervisor.sim', { host: config.hostName });
  }

  async defineDomain(spec: DomainSpec): Promise<void> {
    this.assertReachable();
    assertValidDomainSpec(spec);
    const existing = this.domains.get(spec.instanceId);
    if (existing && domainSpecsEqual(existing.spec, spec)) return;
    if (existing && existing.state !== 'shutoff') throw new DomainStateError(spec.instanceId, 'redefine', existing.state);
    const released = existing ? demandOf(existing.spec) : NO_RESOURCES;
    const free = addResources(subtractResources(this.options.capacity, this.allocated), released);
    const demand = demandOf(spec);
    if (!fitsWithin(demand, free)) throw new InsufficientResourcesError(spec.instanceId, demand, free);
    this.allocated = addResources(subtractResources(this.allocated, released), demand);
    if (existing) existing.spec = spec;
    else {
      this.domains.set(spec.instanceId, {
        spec,
        state: 'shutoff',
        reason: 'defined',
        detail: undefined,
        timer: undefined,
        console: new ConsoleTranscript(),
      });
    }
    this.emit({ kind: 'defined', instanceId: spec.instanceId });
  }

  async startDomain(instanceId: string): Promise<void> {
    const domain = this.reachableDomain(instanceId);
    if (domain.state !== 'shutoff') throw new DomainStateError(instanceId, 'start', domain.state);
    this.beginBoot(domain, 'starting');
  }

  async shutdownDomain(instanceId: string, options: ShutdownOptions): Promise<void> {
    const domain = this.reachableDomain(instanceId);
    switch (domain.state) {
      case 'shutting-down':
        return;
      case 'booting':
      case 'running': {
        this.clearTimer(domain);
        domain.console.append({ kind: 'shutdown-requested' });
        this.enter(domain, 'shutting-down', 'shutdown-requested');
        const graceful = this.options.guestShutdownMs <= options.timeoutMs;
        domain.timer = this.after(graceful ? this.options.guestShutdownMs : Math.max(0, options.timeoutMs), () => {
          if (graceful) this.powerOff(domain, { kind: 'powered-off' }, 'shutdown');
          else this.powerOff(domain, { kind: 'forced-off' }, 'shutdown-forced');
        });
        return;
      }
      case 'shutoff':
      case 'crashed':
        throw new DomainStateError(instanceId, 'shut down', domain.state);
    }
  }

  async destroyDomain(instanceId: string): Promise<void> {
    const domain = this.reachableDomain(instanceId);
    if (domain.state === 'shutoff') throw new DomainStateError(instanceId, 'destroy', domain.state);
    this.powerOff(domain, { kind: 'forced-off' }, 'destroyed');
  }

  async rebootDomain(instanceId: string): Promise<void> {
    const domain = this.reachableDomain(instanceId);
    if (domain.state !== 'running') throw new DomainStateError(instanceId, 'reboot', domain.state);
    this.beginBoot(domain, 'rebooting');
  }

  async undefineDomain(instanceId: string): Promise<void> {
    const domain = this.reachableDomain(instanceId);
    if (domain.state !== 'shutoff') throw new DomainStateError(instanceId, 'undefine', domain.state);
    this.domains.delete(instanceId);
    this.allocated = subtractResources(this.allocated, demandOf(domain.spec));
    this.emit({ kind: 'undefined', instanceId });
  }

  async listDomains(): Promise<DomainInfo[]> {
    this.assertReachable();
    return [...this.domains.values()].map(infoOf);
  }

  async domainState(instanceId: string): Promise<DomainInfo> {
    return infoOf(this.reachableDomain(instanceId));
  }

  onLifecycleEvent(listener: DomainLifecycleListener): () => void {
    // Wrapped so that subscribing the same function twice yields two independent subscriptions.
    const subscription: DomainLifecycleListener = (event) => listener(event);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  async consoleOutput(instanceId: string): Promise<string> {
    const domain = this.reachableDomain(instanceId);
    return domain.console.render(domain.spec, this.options.hostName, this.options.consoleLimitBytes);
  }

  async resources(): Promise<HostResources> {
    this.assertReachable();
    return { capacity: this.options.capacity, allocated: this.allocated, domainCount: this.domains.size };
  }

  /** Fault: the next `count` boots on this host (any domain, including reboots) fail. */
  failNextBoots(count: number, reason: string = DEFAULT_BOOT_FAILURE): void {
    this.bootFaults.failNext(count, reason);
  }

  /** Fault: every boot of this domain fails until {@link clearBootFaults}. */
  failBootsOf(instanceId: string, reason: string = DEFAULT_BOOT_FAILURE): void {
    this.bootFaults.failDomain(instanceId, reason);
  }

  clearBootFaults(): void {
    this.bootFaults.clear();
  }

  /** Fault: a running guest panics. Guests crash whether or not the host is reachable. */
  crashGuest(instanceId: string, detail: string = DEFAULT_CRASH): void {
    const domain = this.domainOrThrow(instanceId);
    if (domain.state !== 'running') throw new DomainStateError(instanceId, 'crash', domain.state);
    domain.console.append({ kind: 'crashed', detail });
    this.enter(domain, 'crashed', 'guest-crashed', detail);
  }

  /**
   * Fault: the hypervisor becomes unreachable. Guests keep running and pending transitions still
   * complete, but every call fails and no events are delivered until {@link restoreHost}.
   */
  loseHost(): void {
    this.lost = true;
  }

  restoreHost(): void {
    this.lost = false;
  }

  private beginBoot(domain: SimDomain, reason: DomainStateReason<'booting'>): void {
    const failure = this.bootFaults.takeOutcome(domain.spec.instanceId);
    domain.console.append({ kind: 'boot', rebooting: reason === 'rebooting' });
    this.enter(domain, 'booting', reason);
    domain.timer = this.after(this.options.bootMs, () => {
      domain.timer = undefined;
      if (failure === undefined) {
        domain.console.append({ kind: 'booted' });
        this.enter(domain, 'running', 'booted');
      } else {
        domain.console.append({ kind: 'boot-failed', detail: failure });
        this.enter(domain, 'shutoff', 'boot-failed', failure);
      }
    });
  }

  private powerOff(domain: SimDomain, entry: ConsoleEntry, reason: DomainStateReason<'shutoff'>): void {
    this.clearTimer(domain);
    domain.console.append(entry);
    this.enter(domain, 'shutoff', reason);
  }

  private enter(domain: SimDomain, state: DomainState, reason: DomainStateReason, detail?: string): void {
    domain.state = state;
    domain.reason = reason;
    domain.detail = detail;
    this.emit({ kind: 'state-changed', instanceId: domain.spec.instanceId, state, reason, ...(detail ? { detail } : {}) });
  }

  private emit(event: DomainLifecycleEvent): void {
    if (this.lost) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn('lifecycle listener threw', { instanceId: event.instanceId, error });
      }
    }
  }

  private after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  }

  private clearTimer(domain: SimDomain): void {
    if (domain.timer !== undefined) clearTimeout(domain.timer);
    domain.timer = undefined;
  }

  private assertReachable(): void {
    if (this.lost) throw new HostLostError(this.options.hostName);
  }

  private reachableDomain(instanceId: string): SimDomain {
    this.assertReachable();
    return this.domainOrThrow(instanceId);
  }

  private domainOrThrow(instanceId: string): SimDomain {
    const domain = this.domains.get(instanceId);
    if (!domain) throw new DomainNotFoundError(instanceId);
    return domain;
  }
}

function infoOf(domain: SimDomain): DomainInfo {
  const info = { instanceId: domain.spec.instanceId, spec: domain.spec, state: domain.state, reason: domain.reason };
  return domain.detail === undefined ? info : { ...info, detail: domain.detail };
}
