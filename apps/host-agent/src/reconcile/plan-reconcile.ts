import { domainSpecsEqual, type DomainInfo } from '@ecs/hypervisor';
import { rebootPending, type DesiredEntry } from '../desired/desired-entry';
import type { DomainMemory } from './domain-memory';
import type { ReconcileAction } from './reconcile-action';

export interface ReconcileInput {
  readonly desired: ReadonlyMap<string, DesiredEntry>;
  readonly observed: ReadonlyMap<string, DomainInfo>;
  readonly memory: ReadonlyMap<string, DomainMemory>;
}

/**
 * The pure heart of the agent: which driver calls bring the hypervisor to the desired state.
 * Each domain gets only the calls that are valid from its observed state; transitional states are
 * left alone and revisited on a later pass.
 */
export function planReconcile({ desired, observed, memory }: ReconcileInput): ReconcileAction[] {
  const actions: ReconcileAction[] = [];
  for (const [instanceId, info] of observed) {
    if (!desired.has(instanceId)) actions.push(...planRemoval(info));
  }
  for (const [instanceId, entry] of desired) {
    actions.push(...planConvergence(entry, observed.get(instanceId), memory.get(instanceId)));
  }
  return actions;
}

function planRemoval(info: DomainInfo): ReconcileAction[] {
  const undefine: ReconcileAction = { kind: 'undefine', instanceId: info.instanceId };
  return info.state === 'shutoff' ? [undefine] : [{ kind: 'destroy', instanceId: info.instanceId }, undefine];
}

function planConvergence(entry: DesiredEntry, info: DomainInfo | undefined, memory: DomainMemory | undefined): ReconcileAction[] {
  const { spec, power } = entry.domain;
  const define: ReconcileAction = { kind: 'define', spec };
  const start = startOf(entry);
  if (!info) return power === 'on' ? [define, start] : [define];
  const redefine = domainSpecsEqual(info.spec, spec) ? [] : [define];
  const destroy: ReconcileAction = { kind: 'destroy', instanceId: spec.instanceId };
  switch (info.state) {
    case 'shutoff':
      if (power === 'off') return redefine;
      return bootFailedAtThisGeneration(entry, info, memory) ? [] : [...redefine, start];
    case 'crashed':
      // High availability: a guest that died while wanted on is restarted; the crash is reported separately.
      return power === 'on' ? [destroy, ...redefine, start] : [destroy, ...redefine];
    case 'booting':
    case 'running':
      if (power === 'off') return [entry.forceOff ? destroy : { kind: 'shutdown', instanceId: spec.instanceId }];
      return info.state === 'running' && rebootPending(entry, memory) ? [rebootOf(entry)] : [];
    case 'shutting-down':
      return power === 'off' && entry.forceOff ? [destroy] : [];
  }
}

/** A boot this agent started for this very generation failed: retrying is control's call, not ours. */
function bootFailedAtThisGeneration(entry: DesiredEntry, info: DomainInfo, memory: DomainMemory | undefined): boolean {
  return info.reason === 'boot-failed' && memory?.bootAttemptGeneration === entry.domain.generation;
}

function startOf(entry: DesiredEntry): ReconcileAction {
  return {
    kind: 'start',
    instanceId: entry.domain.spec.instanceId,
    generation: entry.domain.generation,
    rebootGeneration: entry.rebootGeneration,
  };
}

function rebootOf(entry: DesiredEntry): ReconcileAction {
  return {
    kind: 'reboot',
    instanceId: entry.domain.spec.instanceId,
    generation: entry.domain.generation,
    rebootGeneration: entry.rebootGeneration ?? entry.domain.generation,
  };
}
