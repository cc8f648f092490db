import type { Logger } from '@ecs/observability';
import { readTextIfExists, removeQuietly } from './domain-folder';
import { messageOf, saveStoppedStatus, type DomainRecord, type DomainStates } from './domain-record';
import { classifyRunState, stateAfterExit } from './qemu-state';
import type { QemuVm, VmHooks } from './qemu-vm';
import type { QmpEvent } from './qmp-client';

const QEMU_LOG_TAIL_LINES = 5;

/**
 * Follows each QEMU process through its life: the boot sequence, QMP events, and the end of the
 * process, which it turns into the domain's next state.
 */
export class VmSupervisor {
  constructor(
    private readonly states: DomainStates,
    private readonly qmpTimeoutMs: number,
    private readonly log: Logger,
  ) {}

  async boot(record: DomainRecord, vm: QemuVm): Promise<void> {
    try {
      await vm.connect(record.console, this.qmpTimeoutMs);
      await this.continueBoot(record, vm);
    } catch (error) {
      await this.abandonBoot(record, vm, error);
    }
  }

  /** The guest was started paused (-S) so the console reader is attached first: let it run. */
  async continueBoot(record: DomainRecord, vm: QemuVm): Promise<void> {
    try {
      await vm.execute('cont');
      if (record.state === 'shutting-down') await this.powerButton(vm);
      else await this.refresh(record, vm);
    } catch (error) {
      await this.abandonBoot(record, vm, error);
    }
  }

  private async abandonBoot(record: DomainRecord, vm: QemuVm, error: unknown): Promise<void> {
    if (record.vm !== vm || vm.exited) return;
    vm.failure ??= messageOf(error);
    await vm.kill();
  }

  /** Reads the run state and moves the domain accordingly; a stopped guest is a fault. */
  async refresh(record: DomainRecord, vm: QemuVm): Promise<void> {
    const { status } = await vm.execute<{ status: string }>('query-status');
    if (record.vm !== vm) return;
    switch (classifyRunState(status)) {
      case 'running':
        if (record.state === 'booting') this.states.enter(record, 'running', 'booted');
        return;
      case 'failed': {
        const detail = status === 'guest-panicked' ? 'guest kernel panicked' : `guest stopped: ${status}`;
        if (record.state === 'running') return this.states.enter(record, 'crashed', 'guest-crashed', detail);
        // Not a listed transition from booting or shutting-down: end the process and let the exit say why.
        if (record.state === 'booting' || record.state === 'shutting-down') {
          vm.failure ??= detail;
          await vm.kill();
        }
        return;
      }
      case 'resumable':
      case 'exiting':
        return;
    }
  }

  hooksFor(record: DomainRecord): VmHooks {
    return {
      onEvent: (vm, event) => this.onQmpEvent(record, vm, event),
      onExit: (vm) => this.track(this.recordExit(record, vm), 'recording a qemu exit'),
    };
  }

  private onQmpEvent(record: DomainRecord, vm: QemuVm, event: QmpEvent): void {
    if (record.vm !== vm) return;
    switch (event.event) {
      case 'RESET':
        // A reset the guest asked for; ours was announced by rebootDomain.
        if (event.data.guest === true && record.state === 'running') this.states.enter(record, 'booting', 'rebooting');
        this.track(this.refresh(record, vm), 'status after reset');
        return;
      case 'STOP':
      case 'GUEST_PANICKED':
        this.track(this.refresh(record, vm), `status after ${event.event}`);
        return;
      default:
        return;
    }
  }

  private async recordExit(record: DomainRecord, vm: QemuVm): Promise<void> {
    try {
      clearTimeout(vm.shutdownTimer);
      await vm.reap(this.qmpTimeoutMs);
      if (record.vm !== vm) return;
      const bootFailure = record.state === 'booting' ? await this.bootFailure(record, vm) : undefined;
      const next = stateAfterExit({
        state: record.state,
        destroyRequested: vm.destroyRequested,
        shutdownReason: vm.shutdownReason,
        detail: record.state === 'crashed' ? record.detail : (bootFailure ?? vm.failure),
      });
      await removeQuietly(record.paths.pid);
      if (next.state === 'shutoff') await saveStoppedStatus(record.paths, next);
      record.vm = undefined;
      this.states.enter(record, next.state, next.reason, next.detail);
    } catch (error) {
      this.log.error('recording the end of a qemu process failed', { pid: vm.pid, error });
      if (record.vm === vm) {
        record.vm = undefined;
        this.states.enter(record, 'shutoff', 'destroyed', `qemu ended; recording it failed: ${messageOf(error)}`);
      }
    } finally {
      vm.finish();
    }
  }

  async powerButton(vm: QemuVm): Promise<void> {
    // A monitor that closed means QEMU is exiting: the exit is recorded on its own.
    await vm.execute('system_powerdown').catch((error: unknown) => this.log.debug('power button not pressed', { pid: vm.pid, error }));
  }

  /** QEMU's own words when it quit by itself (bad option, no memory); the driver's when it gave up. */
  private async bootFailure(record: DomainRecord, vm: QemuVm): Promise<string | undefined> {
    const text = (await readTextIfExists(record.paths.qemuLog))?.trim();
    const logged = text ? text.split('\n').slice(-QEMU_LOG_TAIL_LINES).join(' | ') : undefined;
    return vm.endedByDriver ? (vm.failure ?? logged) : (logged ?? vm.failure);
  }

  /** Background work: its failure is logged, never unhandled. */
  track(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => this.log.warn(`${what} failed`, { error }));
  }
}
