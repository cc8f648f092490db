import type { ObservedDomainState } from '@ecs/contracts';

/** A state the agent will publish for one domain (the VmStateEvent minus its envelope). */
export interface StateReport {
  readonly instanceId: string;
  readonly state: ObservedDomainState;
  readonly generation: number;
  readonly reason?: string;
  /** ISO-8601 time of the observation. */
  readonly observedAt: string;
}

export function sameReportedState(a: { state: ObservedDomainState; generation: number }, b: { state: ObservedDomainState; generation: number }): boolean {
  return a.state === b.state && a.generation === b.generation;
}
