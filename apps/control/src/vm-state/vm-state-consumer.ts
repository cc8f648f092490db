import type { VmStateEvent } from '@ecs/contracts';
import type { InstanceEvent, InstanceStatus } from '@ecs/domain';
import type { EventBus, Subscription } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import {
  INBOX_EVENT_ID_MAX,
  InboxConflictError,
  type Database,
  type EventSeqAdvance,
  type InboxRepository,
  type InstanceEntity,
  type InstanceEventState,
  type InstanceRepository,
  type LedgerRepository,
  type TaskRepository,
  type Tx,
} from '@ecs/persistence';
import type { FleetView } from '../fleet/fleet-view';
import type { InstanceLifecycle, TransitionOptions } from '../instances/instance-lifecycle';
import { InboxPruner } from './inbox-pruner';

const log = createLogger('control.vm-state');
const CONSUMER = 'control';
/** Most reports applied in one transaction: one partition's fetch is handed over in runs of this many. */
export const VM_STATE_MAX_BATCH = 2_000;
/** Transactions for one run: the first assumes every report is new; a redelivered or raced run is run again, looking first. */
const INBOX_ATTEMPTS = 5;
/** Times one report is judged again against a row a concurrent writer changed under it. */
const LOOKS_AFTER_A_LOST_SWAP = 3;

/** What a batch changed, for the caller to act on after the commit. */
export interface VmStateBatchOutcome {
  /** Instances whose status a report changed (a lifecycle transition was written). */
  readonly changed: readonly string[];
  /** Reports applied: first deliveries that were neither stale nor for another host. */
  readonly applied: number;
  /** Each instance a report was applied to, as the batch left it: its status and last applied seq. */
  readonly latest: ReadonlyMap<string, { readonly status: InstanceStatus; readonly seq: number }>;
}

/** Called after each batch committed and its fleet effects happened (the bench measures with it). */
export type VmStateObserver = (events: readonly VmStateEvent[], outcome: VmStateBatchOutcome) => Promise<void> | void;

/** What a batch did beyond its own rows, to tell the fleet view once the transaction committed. */
interface BatchEffects {
  /** One entry per instance whose build ended (Starting left), by host. */
  readonly buildsEndedOn: string[];
  readonly releasedOn: Set<string>;
  readonly changed: Set<string>;
  readonly latest: Map<string, { readonly status: InstanceStatus; readonly seq: number }>;
  applied: number;
}

interface Reaction {
  readonly event: InstanceEvent;
  readonly options: TransitionOptions;
}

const NOTHING: VmStateBatchOutcome = { changed: [], applied: 0, latest: new Map() };

/**
 * Applies host reports to instances, a fetched run at a time. Exactly-once in effect on an
 * at-least-once stream: the inbox drops redeliveries, `seq` drops reports older than one already
 * applied, and a report only completes the intent whose generation it answers.
 *
 * One transaction per run: one inbox round (`firstDeliveries`), one read of the rows touched, then
 * per instance a fold over its reports in delivery order (each key's publish order, which is its
 * seq order) with the same judgement the one-report-at-a-time consumer made. Reports the state
 * machine reacts to go through `InstanceLifecycle.apply` (a compare-and-swap, its task and outbox
 * event) at the point of the fold where they occur; all the other accepted reports only move
 * `last_event_seq`, which is written for the whole run in one statement that never moves it
 * backwards and touches nothing a concurrent compare-and-swap writes. Fleet effects (builds ended,
 * capacity released) are told after the commit.
 */
export class VmStateConsumer {
  private subscription: Subscription | undefined;
  private readonly pruner: InboxPruner;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly instances: InstanceRepository,
    private readonly inbox: InboxRepository,
    private readonly ledger: LedgerRepository,
    private readonly tasks: TaskRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly fleet: FleetView,
  ) {
    this.pruner = new InboxPruner(db, inbox, CONSUMER);
  }

  /** Joins control's consumer group on `ecs.vm-state` and starts pruning the inbox. */
  async start(observer?: VmStateObserver): Promise<void> {
    const handle = async (events: readonly VmStateEvent[]) => {
      const outcome = await this.handleBatch(events);
      await observer?.(events, outcome);
    };
    this.subscription = this.events.subscribeBatch
      ? await this.events.subscribeBatch('ecs.vm-state', CONSUMER, handle, { maxBatch: VM_STATE_MAX_BATCH })
      : await this.events.subscribe('ecs.vm-state', CONSUMER, (event) => handle([event]));
    this.pruner.start();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.pruner.stop();
  }

  async handle(event: VmStateEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  /**
   * Applies a run of reports in one transaction, then tells the fleet view what changed. Throws
   * when the transaction failed: the bus redelivers the whole run, and what was applied before the
   * failure was rolled back with it.
   */
  async handleBatch(events: readonly VmStateEvent[]): Promise<VmStateBatchOutcome> {
    const usable = usableReports(events);
    if (usable.length === 0) return NOTHING;
    let effects: BatchEffects | undefined;
    for (let attempt = 1; effects === undefined; attempt++) {
      try {
        effects = await this.db.transaction((tx) => this.apply(tx, usable, attempt > 1));
      } catch (error) {
        if (!(error instanceof InboxConflictError) || attempt >= INBOX_ATTEMPTS) throw error;
        log.debug('some reports of the run were recorded already (a redelivery, or a rebalance overlap); running it again, looking first', { attempt, error });
      }
    }
    for (const hostId of effects.buildsEndedOn) this.fleet.buildEnded(hostId);
    for (const hostId of effects.releasedOn) await this.fleet.refreshHost(hostId);
    this.pruner.recorded(usable.length);
    return { changed: [...effects.changed], applied: effects.applied, latest: effects.latest };
  }

  private async apply(tx: Tx, events: readonly VmStateEvent[], lookFirst: boolean): Promise<BatchEffects> {
    const effects: BatchEffects = { buildsEndedOn: [], releasedOn: new Set(), changed: new Set(), latest: new Map(), applied: 0 };
    const fresh = await this.inbox.firstDeliveries(tx, CONSUMER, events.map((e) => e.eventId), { lookFirst });
    const byInstance = new Map<string, VmStateEvent[]>();
    for (const event of events) {
      if (!fresh.has(event.eventId)) continue;
      const reports = byInstance.get(event.instanceId);
      if (reports) reports.push(event);
      else byInstance.set(event.instanceId, [event]);
    }
    if (byInstance.size === 0) return effects;
    const states = new Map((await this.instances.eventStates(tx, [...byInstance.keys()])).map((state) => [state.instanceId, state]));
    const advances: EventSeqAdvance[] = [];
    for (const [instanceId, reports] of byInstance) {
      const advance = await this.fold(tx, states.get(instanceId), reports, effects);
      if (advance) advances.push(advance);
    }
    if (advances.length > 0) await this.instances.advanceEventSeqs(tx, advances);
    return effects;
  }

  /**
   * One instance's reports of the run, in order, each judged as if it were applied alone: returns
   * the sequence the instance must still move to (for reports the state machine ignores), if any.
   * Judging needs only the instance's event state; a reaction reads the whole row, in the same
   * snapshot, to hand to the lifecycle.
   */
  private async fold(tx: Tx, state: InstanceEventState | undefined, reports: readonly VmStateEvent[], effects: BatchEffects): Promise<EventSeqAdvance | undefined> {
    // This transaction's own copy: later reports of the run are judged against the seq it reached.
    let current: Mutable<InstanceEventState> | undefined = state && { ...state };
    let full: InstanceEntity | undefined;
    let advance: EventSeqAdvance | undefined;
    let released = false;
    const appliedBefore = effects.applied;
    for (const event of reports) {
      for (let look = 1; ; look++) {
        if (!current || current.hostId !== event.hostId || event.seq <= current.lastEventSeq) break;
        if (current.status === 'Deleted') {
          // Deleted + absent: the host has let go of it. A second `absent` in the run would find nothing left to release.
          if (event.state === 'absent' && !released) {
            await this.finishDeletion(tx, current.instanceId);
            effects.releasedOn.add(event.hostId);
            effects.applied++;
            released = true;
          }
          break;
        }
        const reaction = event.generation >= current.powerGeneration ? reactionTo(current.status, event) : undefined;
        if (!reaction) {
          current.lastEventSeq = event.seq;
          advance = { instanceId: current.instanceId, hostId: event.hostId, seq: event.seq };
          effects.applied++;
          break;
        }
        const row = full?.version === current.version ? full : await this.instances.get(current.instanceId, tx);
        let written: InstanceEntity | undefined;
        if (row && row.version === current.version) {
          row.lastEventSeq = current.lastEventSeq;
          written = await this.lifecycle.apply(tx, row, reaction.event, { ...reaction.options, patch: { ...reaction.options.patch, lastEventSeq: event.seq } });
        }
        if (written) {
          if (current.status === 'Starting' && current.hostId) effects.buildsEndedOn.push(current.hostId);
          effects.changed.add(current.instanceId);
          effects.applied++;
          full = written;
          current = eventStateOf(written);
          // The transition wrote this (higher) seq itself.
          advance = undefined;
          break;
        }
        // A concurrent writer changed the row after this transaction's snapshot: judge the report
        // again against the row as it now stands (locked from here to the commit on MySQL).
        if (look >= LOOKS_AFTER_A_LOST_SWAP) {
          log.warn('instance kept changing under a host report; dropping the report (the agent reports again)', { instanceId: current.instanceId, eventId: event.eventId });
          break;
        }
        full = await this.instances.getLatest(tx, current.instanceId);
        if (full && advance) full.lastEventSeq = Math.max(full.lastEventSeq, advance.seq);
        current = full && eventStateOf(full);
      }
    }
    if (current && effects.applied > appliedBefore) effects.latest.set(current.instanceId, { status: current.status, seq: current.lastEventSeq });
    return advance;
  }

  private async finishDeletion(tx: Tx, instanceId: string): Promise<void> {
    await this.ledger.release(tx, instanceId);
    const task = await this.tasks.pendingFor(tx, instanceId);
    if (task) await this.tasks.finish(tx, task.taskId, 'succeeded');
    log.debug('instance removed from its host; capacity released', { instanceId });
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function eventStateOf(row: InstanceEntity): Mutable<InstanceEventState> {
  return { instanceId: row.instanceId, hostId: row.hostId, status: row.status, powerGeneration: row.powerGeneration, version: row.version, lastEventSeq: row.lastEventSeq };
}
/** The run without records no report could come from, and with each event id once (its first delivery in the run). */
function usableReports(events: readonly VmStateEvent[]): VmStateEvent[] {
  const seen = new Set<string>();
  const usable: VmStateEvent[] = [];
  for (const event of events) {
    const { eventId, instanceId, hostId, seq } = event as Partial<VmStateEvent>;
    if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > INBOX_EVENT_ID_MAX || typeof instanceId !== 'string' || typeof hostId !== 'string' || !Number.isSafeInteger(seq)) {
      // No retry could ever apply it; holding the partition for it would stop every instance behind it.
      log.error('dropping a malformed host report', { eventId: String(eventId).slice(0, 64), instanceId });
      continue;
    }
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    usable.push(event);
  }
  return usable;
}

function reactionTo(status: InstanceStatus, event: VmStateEvent): Reaction | undefined {
  switch (event.state) {
    case 'running':
      return status === 'Starting' ? { event: 'started', options: { operationState: 'Success', finishTask: 'succeeded', patch: { startedAt: Date.now() } } } : undefined;
    case 'shutoff':
      return status === 'Stopping' ? { event: 'stopped', options: { operationState: 'Success', finishTask: 'succeeded' } } : undefined;
    case 'boot-failed':
      return status === 'Starting'
        ? { event: 'startFailed', options: { operationState: 'Failed', finishTask: 'failed', error: { code: 'InstanceBootFailed', message: event.reason ?? 'The guest failed to boot.' } } }
        : undefined;
    case 'crashed':
    case 'absent':
      // The agent restarts crashed guests and recreates missing ones that should run; the deadline covers the rest.
      return undefined;
  }
}
