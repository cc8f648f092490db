import type { DomainInfo } from '@ecs/hypervisor';
import type { DesiredEntry } from '../desired/desired-entry';
import type { DomainMemory } from '../reconcile/domain-memory';
import { reportFor } from './observe-domain';
import { sameReportedState, type StateReport } from './state-report';

export interface ReportInput {
  readonly desired: ReadonlyMap<string, DesiredEntry>;
  /** The hypervisor after the pass acted. */
  readonly observed: ReadonlyMap<string, DomainInfo>;
  readonly memory: ReadonlyMap<string, DomainMemory>;
  /** Failures and removals noted during this and earlier unpublished passes, oldest first. */
  readonly incidents: readonly StateReport[];
  /** After a resync: repeat every desired domain's reportable state even if it was reported before. */
  readonly reReport: boolean;
  readonly observedAt: string;
}

/**
 * The pass's one status report: every domain whose reported state (or generation) changed, in the
 * order things happened, each change once.
 */
export function collectReports(input: ReportInput): StateReport[] {
  const last = new Map<string, { state: StateReport['state']; generation: number }>();
  for (const [instanceId, memory] of input.memory) if (memory.reported) last.set(instanceId, memory.reported);
  const reports: StateReport[] = [];
  const offer = (report: StateReport, evenIfUnchanged: boolean) => {
    const previous = last.get(report.instanceId);
    if (!evenIfUnchanged && previous && sameReportedState(previous, report)) return;
    reports.push(report);
    last.set(report.instanceId, report);
  };

  for (const incident of input.incidents) offer(incident, false);
  for (const [instanceId, entry] of input.desired) {
    const info = input.observed.get(instanceId);
    const report = info && reportFor(entry, info, input.memory.get(instanceId), input.observedAt);
    if (report) offer(report, input.reReport);
  }
  for (const [instanceId, previous] of last) {
    if (input.desired.has(instanceId) || input.observed.has(instanceId) || previous.state === 'absent') continue;
    offer({ instanceId, state: 'absent', generation: previous.generation, observedAt: input.observedAt }, false);
  }
  return reports;
}
