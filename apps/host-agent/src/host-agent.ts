import { randomUUID } from 'node:crypto';
import {
  StaleEpochError,
  type DesiredStateSource,
  type HostAgentClient,
  type HostCommand,
  type HostRegistration,
  type VmStateEvent,
} from '@ecs/contracts';
import type { Coordinator, Registration } from '@ecs/coordination';
import type { EventBus } from '@ecs/events';
import type { DomainInfo, HypervisorDriver } from '@ecs/hypervisor';
import { createLogger, type Logger } from '@ecs/observability';
import { DesiredBook } from './desired/desired-book';
import type { DesiredEntry } from './desired/desired-entry';
import { AgentUnavailableError } from './errors/agent-unavailable.error';
import { DEFAULT_BACKOFF, HOSTS_GROUP, type HostAgentOptions } from './host-agent-options';
import { backoffDelay } from './loop/backoff';
import { ActionExecutor } from './reconcile/action-executor';
import type { DomainMemory } from './reconcile/domain-memory';
import { planReconcile } from './reconcile/plan-reconcile';
import { collectReports } from './report/collect-reports';
import { detectIncidents } from './report/observe-domain';
import { SeqClock } from './report/seq-clock';
import { sameReportedState, type StateReport } from './report/state-report';

/** A command's pass runs on the next turn of the event loop: commands sent in the same turn share it, and no launch waits on a timer. */
const DEFAULT_COALESCE_MS = 0;
const DEFAULT_RESYNC_JITTER = 0.25;
const DEFAULT_FULL_REPORT_INTERVAL_MS = 60_000;

type PassOutcome = 'done' | 'retry';

/** Everything one run of the agent holds in memory; a crash drops it whole. */
interface AgentLife {
  readonly book: DesiredBook;
  readonly memory: Map<string, DomainMemory>;
  readonly clock: SeqClock;
  readonly abort: AbortController;
  /** Failures and removals noted but not yet published, oldest first. */
  incidents: StateReport[];
  /**
   * Instances control told this host to remove: each is confirmed `absent` once the hypervisor no
   * longer has it — even when it never got defined (a launch and its deletion in one pass), since
   * control releases the capacity only on that confirmation.
   */
  removals: Set<string>;
  registration: Registration | undefined;
  /** The image ids the registration carries now. */
  cachedImageIds: readonly string[];
  unsubscribe: (() => void) | undefined;
  resyncTimer: NodeJS.Timeout | undefined;
  passTimer: NodeJS.Timeout | undefined;
  running: Promise<PassOutcome> | undefined;
  /** Something changed while a pass ran: run another when it ends. */
  rerun: boolean;
  resyncDue: boolean;
  reReportDue: boolean;
  /** When the last full re-report went out; undefined until the first one of this run. */
  lastFullReportAt: number | undefined;
  consecutiveFailures: number;
  stopping: boolean;
}

/**
 * The host agent: a level-triggered reconcile loop between control's desired state and the
 * hypervisor. Commands and lifecycle events only make the next pass come sooner; a periodic resync
 * pulls the whole desired state, so the host converges even if every command and event is lost.
 * Each pass observes, plans (pure), acts, observes again and publishes one status report.
 */
export class HostAgent implements HostAgentClient {
  private readonly log: Logger;
  private readonly executor: ActionExecutor;
  private life: AgentLife | undefined;
  private exit: AgentUnavailableError['why'] = 'not-started';

  constructor(
    private readonly registration: HostRegistration,
    private readonly driver: HypervisorDriver,
    private readonly events: EventBus,
    private readonly desiredState: DesiredStateSource,
    private readonly coordinator: Coordinator,
    private readonly options: HostAgentOptions,
  ) {
    this.log = createLogger('host-agent', { hostId: registration.hostId });
    this.executor = new ActionExecutor(driver, options.shutdownTimeoutMs, this.log);
  }

  get hostId(): string {
    return this.registration.hostId;
  }

  /**
   * Joins the `hosts` group, pulls desired state, reconciles once (re-attaching to whatever domains
   * the hypervisor already runs), then keeps reconciling. Resolves after that first pass, whether or
   * not it succeeded: a failed pass is retried with backoff.
   * @throws whatever the coordinator throws if the agent cannot register.
   */
  async start(): Promise<void> {
    if (this.life) return;
    const life = newLife();
    this.life = life;
    let registration: Registration;
    try {
      const cachedImageIds = (await this.options.imageCache?.cachedImageIds()) ?? this.registration.cachedImageIds;
      registration = await this.coordinator.register(HOSTS_GROUP, this.hostId, { ...this.registration, cachedImageIds });
      life.cachedImageIds = cachedImageIds;
    } catch (error) {
      if (this.life === life) this.life = undefined;
      throw error;
    }
    if (this.life !== life) {
      await registration.close();
      return;
    }
    life.registration = registration;
    life.unsubscribe = this.driver.onLifecycleEvent(() => this.requestPass(life));
    this.scheduleResync(life);
    this.log.info('host agent started', { resyncIntervalMs: this.options.resyncIntervalMs });
    await this.drive(life);
  }

  /** Clean shutdown: finishes the pass in flight, then leaves the group. Guests keep running. */
  async stop(): Promise<void> {
    const life = this.life;
    if (!life || life.stopping) return;
    life.stopping = true;
    this.exit = 'stopped';
    this.clearTimers(life);
    await life.running;
    life.unsubscribe?.();
    this.life = undefined;
    await life.registration?.close();
    this.log.info('host agent stopped');
  }

  /**
   * Simulated process death for fault tests: timers stop, in-memory state is dropped mid-pass and
   * the registration goes as a dead session's would. The hypervisor keeps its domains; a new agent
   * re-attaches to them by listing.
   */
  async crash(): Promise<void> {
    const life = this.life;
    if (!life) return;
    this.life = undefined;
    this.exit = 'crashed';
    life.abort.abort();
    this.clearTimers(life);
    life.unsubscribe?.();
    try {
      await life.registration?.close();
    } catch (error) {
      this.log.debug('registration close failed after crash', { error });
    }
  }

  /**
   * Fenced command intake: applies the command to desired state and asks for a pass soon. Bursts of
   * commands share a pass.
   * @throws StaleEpochError if the command comes from a leader older than one already heard from.
   * @throws AgentUnavailableError if the agent is not running.
   */
  async send(command: HostCommand): Promise<void> {
    const life = this.life;
    if (!life || life.stopping) throw new AgentUnavailableError(this.hostId, this.exit);
    try {
      if (!life.book.accept(command)) this.log.info('command names an instance this host does not hold', { kind: command.kind, epoch: command.epoch });
    } catch (error) {
      if (error instanceof StaleEpochError) this.log.warn('rejected command from a stale leader', { kind: command.kind, epoch: command.epoch, currentEpoch: error.currentEpoch });
      throw error;
    }
    if (command.kind === 'remove') life.removals.add(command.instanceId);
    this.requestPass(life);
  }

  private requestPass(life: AgentLife): void {
    // Until start() has registered and driven the first pass itself, commands only update the book.
    if (this.life !== life || life.stopping || !life.registration) return;
    if (life.running) life.rerun = true;
    else this.arm(life, this.options.coalesceMs ?? DEFAULT_COALESCE_MS);
  }

  /**
   * Jittered afresh each time: agents started together (a fleet boot, an all-in-one) would otherwise
   * pull desired state in lockstep forever, a burst of reads that every launch behind it waits out.
   */
  private scheduleResync(life: AgentLife): void {
    const jitter = this.options.resyncJitter ?? DEFAULT_RESYNC_JITTER;
    const delayMs = this.options.resyncIntervalMs * (1 - jitter + 2 * jitter * Math.random());
    life.resyncTimer = setTimeout(() => {
      if (this.life !== life || life.stopping) return;
      life.resyncDue = true;
      this.requestPass(life);
      this.scheduleResync(life);
    }, delayMs);
    life.resyncTimer.unref();
  }

  /** Schedules the next pass unless one is already scheduled (a pending backoff keeps its delay). */
  private arm(life: AgentLife, delayMs: number): void {
    if (life.passTimer) return;
    life.passTimer = setTimeout(() => void this.drive(life), delayMs);
    life.passTimer.unref();
  }

  /** Runs one pass and schedules what follows: another soon if asked for, a backoff if it failed. */
  private async drive(life: AgentLife): Promise<void> {
    life.passTimer = undefined;
    life.rerun = false;
    life.running = this.passGuarded(life);
    const outcome = await life.running;
    life.running = undefined;
    if (this.life !== life || life.stopping) return;
    if (outcome === 'done') {
      if (life.consecutiveFailures > 0) this.log.info('reconcile recovered', { afterFailures: life.consecutiveFailures });
      life.consecutiveFailures = 0;
      if (life.rerun) this.arm(life, this.options.coalesceMs ?? DEFAULT_COALESCE_MS);
    } else {
      life.consecutiveFailures += 1;
      this.arm(life, backoffDelay(life.consecutiveFailures, this.options.backoff ?? DEFAULT_BACKOFF));
    }
  }

  private async passGuarded(life: AgentLife): Promise<PassOutcome> {
    try {
      return await this.pass(life);
    } catch (error) {
      if (!life.abort.signal.aborted) {
        this.log.warn('reconcile pass failed', { error, consecutiveFailures: life.consecutiveFailures + 1 });
      }
      return 'retry';
    }
  }

  private async pass(life: AgentLife): Promise<PassOutcome> {
    const { signal } = life.abort;
    if (life.resyncDue || !life.book.isKnown) await this.resync(life);
    const desired = life.book.snapshot();

    const before = await this.observe(signal);
    this.noteIncidents(life, detectIncidents(desired, before, life.memory, new Date().toISOString()));
    const actions = planReconcile({ desired, observed: before, memory: life.memory });
    const result = await this.executor.execute(actions, life.memory, signal);
    const actedAt = new Date().toISOString();
    this.noteIncidents(life, [
      ...result.failures.map(({ instanceId, reason }): StateReport => ({
        instanceId,
        state: 'boot-failed',
        generation: desired.get(instanceId)?.domain.generation ?? 0,
        reason,
        observedAt: actedAt,
      })),
      ...result.undefined.map((instanceId): StateReport => ({
        instanceId,
        state: 'absent',
        generation: life.memory.get(instanceId)?.reported?.generation ?? 0,
        observedAt: actedAt,
      })),
    ]);

    const after = await this.observe(signal);
    this.confirmRemovals(life, result.undefined, after, actedAt);
    const reports = collectReports({
      desired,
      observed: after,
      memory: life.memory,
      incidents: life.incidents,
      reReport: life.reReportDue,
      observedAt: new Date().toISOString(),
    });
    life.incidents = life.incidents.filter((incident) => reports.includes(incident));
    await this.publish(life, reports);
    life.reReportDue = false;
    await this.refreshCachedImages(life);
    forgetGone(life.memory, desired, after);
    return result.raced ? 'retry' : 'done';
  }

  private async resync(life: AgentLife): Promise<void> {
    life.book.beginResync();
    let snapshot: Awaited<ReturnType<DesiredStateSource['desiredDomains']>>;
    try {
      snapshot = await this.desiredState.desiredDomains(this.hostId);
    } catch (error) {
      life.book.abandonResync();
      throw error;
    }
    life.abort.signal.throwIfAborted();
    if (!life.book.completeResync(snapshot)) throw new StaleEpochError(snapshot.epoch, life.book.highestEpoch);
    life.resyncDue = false;
    const now = Date.now();
    if (life.lastFullReportAt === undefined || now - life.lastFullReportAt >= (this.options.fullReportIntervalMs ?? DEFAULT_FULL_REPORT_INTERVAL_MS)) {
      life.reReportDue = true;
      life.lastFullReportAt = now;
    }
  }

  private async observe(signal: AbortSignal): Promise<Map<string, DomainInfo>> {
    const domains = await this.driver.listDomains();
    signal.throwIfAborted();
    return new Map(domains.map((domain) => [domain.instanceId, domain]));
  }

  /** The registration is rewritten only when the cache changed, not on every pass. */
  private async refreshCachedImages(life: AgentLife): Promise<void> {
    const cache = this.options.imageCache;
    if (!cache || !life.registration) return;
    const cachedImageIds = await cache.cachedImageIds();
    life.abort.signal.throwIfAborted();
    if (sameIds(cachedImageIds, life.cachedImageIds)) return;
    await life.registration.update({ ...this.registration, cachedImageIds });
    life.cachedImageIds = cachedImageIds;
    this.log.info('image cache changed', { cachedImageIds });
  }

  private confirmRemovals(life: AgentLife, undefinedNow: readonly string[], observed: ReadonlyMap<string, DomainInfo>, at: string): void {
    for (const instanceId of life.removals) {
      if (observed.has(instanceId)) continue;
      life.removals.delete(instanceId);
      // An undefine in this pass already noted its own `absent`.
      if (undefinedNow.includes(instanceId)) continue;
      this.noteIncidents(life, [{ instanceId, state: 'absent', generation: life.memory.get(instanceId)?.reported?.generation ?? 0, observedAt: at }]);
    }
  }

  private noteIncidents(life: AgentLife, incidents: readonly StateReport[]): void {
    for (const incident of incidents) {
      const pending = life.incidents.findLast((other) => other.instanceId === incident.instanceId);
      if (!pending || !sameReportedState(pending, incident)) life.incidents.push(incident);
    }
  }

  /**
   * Sends the pass's reports together, so the bus can batch them (one produce request rather than a
   * broker round trip per report); the bus keeps their order. Only what was sent counts as reported:
   * a report whose send failed stays an incident or differs from memory, so the next pass sends it
   * again (with a new seq).
   */
  private async publish(life: AgentLife, reports: readonly StateReport[]): Promise<void> {
    const sends = reports.map((report) => {
      const event: VmStateEvent = {
        eventId: randomUUID(),
        hostId: this.hostId,
        instanceId: report.instanceId,
        seq: life.clock.next(),
        state: report.state,
        generation: report.generation,
        ...(report.reason === undefined ? {} : { reason: report.reason }),
        observedAt: report.observedAt,
      };
      return this.events.publish('ecs.vm-state', report.instanceId, event);
    });
    const outcomes = await Promise.allSettled(sends);
    life.abort.signal.throwIfAborted();
    let failure: PromiseRejectedResult | undefined;
    outcomes.forEach((outcome, n) => {
      if (outcome.status === 'rejected') {
        failure ??= outcome;
        return;
      }
      const report = reports[n];
      const memory = life.memory.get(report.instanceId) ?? {};
      life.memory.set(report.instanceId, { ...memory, reported: { state: report.state, generation: report.generation } });
      life.incidents = life.incidents.filter((incident) => incident !== report);
    });
    if (failure) throw failure.reason;
  }


  private clearTimers(life: AgentLife): void {
    if (life.passTimer) clearTimeout(life.passTimer);
    if (life.resyncTimer) clearTimeout(life.resyncTimer);
    life.passTimer = undefined;
    life.resyncTimer = undefined;
  }
}

function newLife(): AgentLife {
  return {
    book: new DesiredBook(),
    memory: new Map(),
    clock: new SeqClock(),
    abort: new AbortController(),
    incidents: [],
    removals: new Set(),
    registration: undefined,
    cachedImageIds: [],
    unsubscribe: undefined,
    resyncTimer: undefined,
    passTimer: undefined,
    running: undefined,
    rerun: false,
    resyncDue: true,
    reReportDue: false,
    lastFullReportAt: undefined,
    consecutiveFailures: 0,
    stopping: false,
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** Memory of a domain that is neither wanted nor present, and whose absence control has heard, is dead weight. */
function forgetGone(memory: Map<string, DomainMemory>, desired: ReadonlyMap<string, DesiredEntry>, observed: ReadonlyMap<string, DomainInfo>): void {
  for (const [instanceId, remembered] of memory) {
    if (desired.has(instanceId) || observed.has(instanceId)) continue;
    if (!remembered.reported || remembered.reported.state === 'absent') memory.delete(instanceId);
  }
}
