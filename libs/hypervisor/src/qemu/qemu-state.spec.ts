import { classifyRunState, stateAfterExit, type ExitFacts } from './qemu-state';

describe('classifyRunState', () => {
  it.each([
    ['running', 'running'],
    ['prelaunch', 'resumable'],
    ['paused', 'resumable'],
    ['suspended', 'resumable'],
    ['guest-panicked', 'failed'],
    ['internal-error', 'failed'],
    ['io-error', 'failed'],
    ['watchdog', 'failed'],
    ['shutdown', 'exiting'],
  ])('%s is %s', (status, expected) => {
    expect(classifyRunState(status)).toBe(expected);
  });

  it('treats a state it does not know as failed: the guest is not known to run', () => {
    expect(classifyRunState('time-travel')).toBe('failed');
  });
});

describe('stateAfterExit', () => {
  const facts = (overrides: Partial<ExitFacts>): ExitFacts => ({
    state: 'running',
    destroyRequested: false,
    shutdownReason: undefined,
    detail: undefined,
    ...overrides,
  });

  it('is destroyed whenever destroy pulled the plug', () => {
    for (const state of ['booting', 'running', 'shutting-down', 'crashed'] as const) {
      expect(stateAfterExit(facts({ state, destroyRequested: true, shutdownReason: 'host-qmp-quit' }))).toEqual({ state: 'shutoff', reason: 'destroyed' });
    }
  });

  it('is a clean shutdown when the guest powered off after the ACPI request', () => {
    expect(stateAfterExit(facts({ state: 'shutting-down', shutdownReason: 'guest-shutdown' }))).toEqual({ state: 'shutoff', reason: 'shutdown' });
  });

  it('is a forced shutdown when the driver had to quit or kill QEMU', () => {
    expect(stateAfterExit(facts({ state: 'shutting-down', shutdownReason: 'host-qmp-quit' }))).toEqual({ state: 'shutoff', reason: 'shutdown-forced' });
    expect(stateAfterExit(facts({ state: 'shutting-down' }))).toEqual({ state: 'shutoff', reason: 'shutdown-forced' });
  });

  it('is a shutdown when a running guest powers itself off', () => {
    expect(stateAfterExit(facts({ state: 'running', shutdownReason: 'guest-shutdown' }))).toEqual({ state: 'shutoff', reason: 'shutdown' });
  });

  it('is a boot failure, with its cause, when QEMU ends while booting', () => {
    expect(stateAfterExit(facts({ state: 'booting', detail: 'Invalid SMP CPUs 1000' }))).toEqual({
      state: 'shutoff',
      reason: 'boot-failed',
      detail: 'Invalid SMP CPUs 1000',
    });
    expect(stateAfterExit(facts({ state: 'booting' }))).toEqual({ state: 'shutoff', reason: 'boot-failed', detail: 'qemu exited unexpectedly' });
  });

  it('is a crash when QEMU dies under a running guest', () => {
    expect(stateAfterExit(facts({ state: 'running' }))).toEqual({ state: 'crashed', reason: 'guest-crashed', detail: 'qemu exited unexpectedly' });
    expect(stateAfterExit(facts({ state: 'running', shutdownReason: 'host-signal' }))).toEqual({
      state: 'crashed',
      reason: 'guest-crashed',
      detail: 'qemu was terminated by a signal',
    });
  });

  it('keeps a crashed domain crashed, with the crash it already knew of', () => {
    expect(stateAfterExit(facts({ state: 'crashed', detail: 'guest kernel panicked' }))).toEqual({
      state: 'crashed',
      reason: 'guest-crashed',
      detail: 'guest kernel panicked',
    });
  });
});
