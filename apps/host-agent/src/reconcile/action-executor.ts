import {
  DomainNotFoundError,
  DomainStateError,
  InsufficientResourcesError,
  InvalidDomainSpecError,
  type HypervisorDriver,
} from '@ecs/hypervisor';
import type { Logger } from '@ecs/observability';
import type { DomainMemory } from './domain-memory';
import { actionTarget, type ReconcileAction } from './reconcile-action';

export interface DomainFailure {
  readonly instanceId: string;
  readonly reason: string;
}

export interface ExecutionResult {
  /** Domains the host refused to build (no room, bad spec): control must hear of it. */
  readonly failures: readonly DomainFailure[];
  readonly undefined: readonly string[];
  /** Some domain moved under a call (a boot finished, a guest crashed): its remaining calls were skipped. */
  readonly raced: boolean;
}

/**
 * Runs a plan against the driver and records in memory what it did. A domain whose call fails gets
 * no further calls this pass; loss of the host or an unexpected error aborts the whole pass.
 */
export class ActionExecutor {
  constructor(
    private readonly driver: HypervisorDriver,
    private readonly shutdownTimeoutMs: number,
    private readonly log: Logger,
  ) {}

  async execute(actions: readonly ReconcileAction[], memory: Map<string, DomainMemory>, signal: AbortSignal): Promise<ExecutionResult> {
    const failures: DomainFailure[] = [];
    const undefinedIds: string[] = [];
    const skipped = new Set<string>();
    let raced = false;
    for (const action of actions) {
      signal.throwIfAborted();
      const instanceId = actionTarget(action);
      if (skipped.has(instanceId)) continue;
      try {
        await this.perform(action);
      } catch (error) {
        if (error instanceof DomainStateError || error instanceof DomainNotFoundError) {
          this.log.debug('domain moved under a reconcile call', { instanceId, action: action.kind, error });
          raced = true;
        } else if (error instanceof InsufficientResourcesError || error instanceof InvalidDomainSpecError) {
          this.log.warn('host cannot build domain', { instanceId, error });
          failures.push({ instanceId, reason: error.message });
        } else {
          throw error;
        }
        skipped.add(instanceId);
        continue;
      }
      this.remember(action, memory);
      if (action.kind === 'undefine') undefinedIds.push(instanceId);
    }
    return { failures, undefined: undefinedIds, raced };
  }

  private perform(action: ReconcileAction): Promise<void> {
    switch (action.kind) {
      case 'define':
        return this.driver.defineDomain(action.spec);
      case 'start':
        return this.driver.startDomain(action.instanceId);
      case 'reboot':
        return this.driver.rebootDomain(action.instanceId);
      case 'shutdown':
        return this.driver.shutdownDomain(action.instanceId, { timeoutMs: this.shutdownTimeoutMs });
      case 'destroy':
        return this.driver.destroyDomain(action.instanceId);
      case 'undefine':
        return this.driver.undefineDomain(action.instanceId);
    }
  }

  private remember(action: ReconcileAction, memory: Map<string, DomainMemory>): void {
    const previous = memory.get(actionTarget(action)) ?? {};
    switch (action.kind) {
      case 'start':
        memory.set(action.instanceId, {
          ...previous,
          bootAttemptGeneration: action.generation,
          rebootedGeneration: Math.max(previous.rebootedGeneration ?? -Infinity, action.rebootGeneration ?? -Infinity),
        });
        return;
      case 'reboot':
        memory.set(action.instanceId, { ...previous, bootAttemptGeneration: action.generation, rebootedGeneration: action.rebootGeneration });
        return;
      case 'define':
      case 'shutdown':
      case 'destroy':
      case 'undefine':
        return;
    }
  }
}
