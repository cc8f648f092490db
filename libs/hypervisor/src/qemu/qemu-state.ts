import type { DomainState, DomainStateReason } from '../driver/domain-state';

/** QEMU's RunState enum (qapi/run-state.json), as `query-status` reports it. */
export const QMP_RUN_STATES = [
  'debug',
  'inmigrate',
  'internal-error',
  'io-error',
  'paused',
  'postmigrate',
  'prelaunch',
  'finish-migrate',
  'restore-vm',
  'running',
  'save-vm',
  'shutdown',
  'suspended',
  'watchdog',
  'guest-panicked',
  'colo',
] as const;
export type QmpRunState = (typeof QMP_RUN_STATES)[number];

/**
 * What the driver makes of a live QEMU's run state:
 * - `running`: the vCPUs run.
 * - `resumable`: stopped but healthy; the driver never pauses a guest, so this is a boot it started
 *   with -S and did not get to continue (the agent died in between): continue it.
 * - `failed`: stopped by a fault (guest panic, emulation or disk error, watchdog); the guest needs a destroy.
 * - `exiting`: the guest has powered off and QEMU is on its way out.
 */
export type RunStateClass = 'running' | 'resumable' | 'failed' | 'exiting';

const CLASS_OF: Record<QmpRunState, RunStateClass> = {
  running: 'running',
  prelaunch: 'resumable',
  paused: 'resumable',
  suspended: 'resumable',
  debug: 'resumable',
  inmigrate: 'resumable',
  postmigrate: 'resumable',
  'finish-migrate': 'resumable',
  'restore-vm': 'resumable',
  'save-vm': 'resumable',
  colo: 'resumable',
  'internal-error': 'failed',
  'io-error': 'failed',
  'guest-panicked': 'failed',
  watchdog: 'failed',
  shutdown: 'exiting',
};

/** Unknown states (a newer QEMU) count as failed: the guest is not known to run. */
export function classifyRunState(status: string): RunStateClass {
  return (QMP_RUN_STATES as readonly string[]).includes(status) ? CLASS_OF[status as QmpRunState] : 'failed';
}

export interface ExitFacts {
  /** The domain's state when the process ended. */
  readonly state: DomainState;
  /** destroyDomain pulled the plug. */
  readonly destroyRequested: boolean;
  /** The `reason` of QEMU's SHUTDOWN event, if one came before the monitor closed. */
  readonly shutdownReason: string | undefined;
  /** The cause for a boot that never reached running, or the crash detail already known. */
  readonly detail: string | undefined;
}

export type StateAfterExit =
  | { readonly state: 'shutoff'; readonly reason: DomainStateReason<'shutoff'>; readonly detail?: string }
  | { readonly state: 'crashed'; readonly reason: 'guest-crashed'; readonly detail: string };

/** Where a domain ends up once its QEMU process is gone. Keeps to the HypervisorDriver transitions. */
export function stateAfterExit(facts: ExitFacts): StateAfterExit {
  const guestPoweredOff = facts.shutdownReason === 'guest-shutdown';
  if (facts.destroyRequested) return { state: 'shutoff', reason: 'destroyed' };
  switch (facts.state) {
    case 'shutoff':
      return { state: 'shutoff', reason: 'destroyed' };
    case 'shutting-down':
      return guestPoweredOff ? { state: 'shutoff', reason: 'shutdown' } : { state: 'shutoff', reason: 'shutdown-forced' };
    case 'booting':
      if (guestPoweredOff) return { state: 'shutoff', reason: 'shutdown' };
      return { state: 'shutoff', reason: 'boot-failed', detail: facts.detail ?? unexpectedExit(facts.shutdownReason) };
    case 'running':
      if (guestPoweredOff) return { state: 'shutoff', reason: 'shutdown' };
      return { state: 'crashed', reason: 'guest-crashed', detail: unexpectedExit(facts.shutdownReason) };
    case 'crashed':
      return { state: 'crashed', reason: 'guest-crashed', detail: facts.detail ?? unexpectedExit(facts.shutdownReason) };
  }
}

function unexpectedExit(shutdownReason: string | undefined): string {
  if (shutdownReason === 'host-signal') return 'qemu was terminated by a signal';
  if (shutdownReason === undefined) return 'qemu exited unexpectedly';
  return `qemu exited unexpectedly (${shutdownReason})`;
}
