import type { InstanceStatus, PowerIntent } from './instance-status';

/**
 * The instance state machine as data. Each event names the statuses it may leave, the status it
 * enters and the power intent the host should converge to. Persistence applies a transition as one
 * compare-and-swap (`WHERE id = ? AND version = ? AND status IN (from)`), so a stale writer loses.
 */
export const INSTANCE_TRANSITIONS = {
  /** RunInstances: placed and claimed, the host is told to boot it. */
  launch: { from: ['Pending'], to: 'Starting', power: 'on' },
  /** CreateInstance: placed and claimed, left powered off. */
  provisionStopped: { from: ['Pending'], to: 'Stopped', power: 'off' },
  start: { from: ['Stopped'], to: 'Starting', power: 'on' },
  /** The host reports the guest running. */
  started: { from: ['Starting'], to: 'Running', power: 'on' },
  /** ECS reboots go straight to Starting and come back Running. */
  reboot: { from: ['Running'], to: 'Starting', power: 'on' },
  stop: { from: ['Running'], to: 'Stopping', power: 'off' },
  /** The host reports the guest shut off. */
  stopped: { from: ['Stopping'], to: 'Stopped', power: 'off' },
  /** A start or reboot failed or missed its deadline: the guest is powered off, not left half-up. */
  startFailed: { from: ['Starting'], to: 'Stopped', power: 'off' },
  /** A stop missed its deadline: the host is told to destroy the domain (a forced stop). */
  stopForced: { from: ['Stopping'], to: 'Stopped', power: 'off' },
  delete: { from: ['Stopped', 'Pending'], to: 'Deleted', power: 'absent' },
  /** DeleteInstance with Force=true takes an instance in any live status. */
  forceDelete: { from: ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'], to: 'Deleted', power: 'absent' },
} as const satisfies Record<string, { from: readonly InstanceStatus[]; to: InstanceStatus; power: PowerIntent }>;

export type InstanceEvent = keyof typeof INSTANCE_TRANSITIONS;

export interface Transition {
  readonly event: InstanceEvent;
  readonly from: readonly InstanceStatus[];
  readonly to: InstanceStatus;
  readonly power: PowerIntent;
}

export function transitionFor(event: InstanceEvent): Transition {
  const t = INSTANCE_TRANSITIONS[event];
  return { event, from: t.from, to: t.to, power: t.power };
}

/** The guard: may `event` happen to an instance in `status`? */
export function canTransition(status: InstanceStatus, event: InstanceEvent): boolean {
  return (INSTANCE_TRANSITIONS[event].from as readonly InstanceStatus[]).includes(status);
}
