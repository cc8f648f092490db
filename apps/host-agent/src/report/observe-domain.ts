import type { DomainInfo } from '@ecs/hypervisor';
import { rebootPending, type DesiredEntry } from '../desired/desired-entry';
import type { DomainMemory } from '../reconcile/domain-memory';
import type { StateReport } from './state-report';

/**
 * What a desired domain's observed state says to control, if anything. Settled states are reported
 * with the generation they satisfy; failures with the generation they failed. States the agent is
 * about to change (a desired-on domain found off, a running one with a reboot pending) and
 * transitional ones say nothing yet, so control never mistakes a step for an outcome.
 */
export function reportFor(
  entry: DesiredEntry,
  info: DomainInfo,
  memory: DomainMemory | undefined,
  observedAt: string,
): StateReport | undefined {
  const { instanceId } = info;
  const { power, generation } = entry.domain;
  switch (info.state) {
    case 'running':
      return power === 'on' && !rebootPending(entry, memory) ? { instanceId, state: 'running', generation, observedAt } : undefined;
    case 'shutoff':
      if (power === 'off') return { instanceId, state: 'shutoff', generation, observedAt };
      if (info.reason !== 'boot-failed') return undefined;
      return {
        instanceId,
        state: 'boot-failed',
        // The failed boot may have served an earlier generation than the one now desired.
        generation: memory?.bootAttemptGeneration ?? generation,
        reason: info.detail ?? 'boot failed',
        observedAt,
      };
    case 'crashed':
      return { instanceId, state: 'crashed', generation, reason: info.detail ?? 'guest crashed', observedAt };
    case 'booting':
    case 'shutting-down':
      return undefined;
  }
}

/** Failures seen before a pass acts: the pass may repair them (restart a crashed guest) before reporting. */
export function detectIncidents(
  desired: ReadonlyMap<string, DesiredEntry>,
  observed: ReadonlyMap<string, DomainInfo>,
  memory: ReadonlyMap<string, DomainMemory>,
  observedAt: string,
): StateReport[] {
  const incidents: StateReport[] = [];
  for (const [instanceId, entry] of desired) {
    const info = observed.get(instanceId);
    const report = info && reportFor(entry, info, memory.get(instanceId), observedAt);
    if (report && (report.state === 'crashed' || report.state === 'boot-failed')) incidents.push(report);
  }
  return incidents;
}
