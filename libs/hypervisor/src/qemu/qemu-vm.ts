import type { ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsoleLog } from './console-log';
import type { DomainPaths } from './domain-folder';
import { QmpClient, type QmpEvent } from './qmp-client';
import { isLiveProcessWith, killGroup, waitForDeath } from './qemu-process';

export interface VmHooks {
  onEvent(vm: QemuVm, event: QmpEvent): void;
  /** The process ended or its monitor closed (which QEMU does only on its way out). Called once. */
  onExit(vm: QemuVm): void;
}

const CONNECT_RETRY_MS = 25;
/** SIGKILL takes effect at once unless the process is stuck in the kernel; then give up loudly. */
const KILL_WAIT_MS = 30_000;

/**
 * One QEMU process, from spawn (or re-attach) to death: its monitor, its serial console reader, and
 * what the driver asked of it. The process is identified by pid and its pidfile path on the command
 * line, so a new driver can adopt it and a recycled pid is never mistaken for it.
 */
export class QemuVm {
  private qmp: QmpClient | undefined;
  private serial: Socket | undefined;
  private exitNoticed = false;
  private detached = false;
  private markGone: () => void = () => undefined;
  /** Resolves once the driver has recorded the process's end. */
  readonly gone: Promise<void>;
  destroyRequested = false;
  /** The `reason` of QEMU's SHUTDOWN event: tells a guest power-off from a kill. */
  shutdownReason: string | undefined;
  /** Why the driver gave up on this process (failed boot, failed reset), for the domain's detail. */
  failure: string | undefined;
  /** The driver sent quit or SIGKILL; otherwise QEMU ended on its own and its stderr says why. */
  endedByDriver = false;
  shutdownTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly pid: number,
    readonly paths: DomainPaths,
    private readonly hooks: VmHooks,
  ) {
    this.gone = new Promise<void>((resolve) => {
      this.markGone = resolve;
    });
  }

  /** Wraps a freshly spawned child: its exit (or spawn error) is noticed directly. */
  static launched(child: ChildProcess, paths: DomainPaths, hooks: VmHooks): QemuVm {
    const vm = new QemuVm(child.pid ?? 0, paths, hooks);
    child.once('error', (error) => {
      vm.failure ??= `cannot run qemu: ${error.message}`;
      vm.noticeExit();
    });
    child.once('exit', () => vm.noticeExit());
    return vm;
  }

  /** A process left by an earlier driver: its exit shows only as the monitor closing. */
  static adopted(pid: number, paths: DomainPaths, hooks: VmHooks): QemuVm {
    return new QemuVm(pid, paths, hooks);
  }

  get monitorReady(): boolean {
    return this.qmp?.isOpen === true;
  }

  get exited(): boolean {
    return this.exitNoticed;
  }

  /**
   * Opens the monitor (retrying while QEMU creates its socket) and the serial console, within
   * `timeoutMs`. From then on, events and the monitor's close reach the hooks.
   */
  async connect(console: ConsoleLog, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.qmp = await this.openMonitor(deadline, timeoutMs);
    this.qmp.onEvent((event) => {
      if (event.event === 'SHUTDOWN' && typeof event.data.reason === 'string') this.shutdownReason = event.data.reason;
      if (!this.detached) this.hooks.onEvent(this, event);
    });
    this.qmp.onClose(() => this.noticeExit());
    this.serial = await this.openSerial(console, deadline);
  }

  /** @throws when the monitor is not open or the command fails. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (!this.qmp) return Promise.reject(new Error(`qemu ${this.pid} has no monitor yet`));
    return this.qmp.execute<T>(command, args);
  }

  /**
   * Ends the process: `quit` over the monitor when it is open, SIGKILL to the process group if it
   * still lives after `graceMs` (or at once without a monitor). Resolves when it is dead.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.monitorReady) {
      this.endedByDriver = true;
      // The monitor may close before the reply arrives: QEMU is leaving either way.
      await this.execute('quit').catch(() => undefined);
      if (await waitForDeath(this.pid, this.paths.pid, graceMs)) return this.noticeExit();
    }
    await this.kill();
  }

  async kill(): Promise<void> {
    if (this.pid > 0 && (await isLiveProcessWith(this.pid, this.paths.pid))) {
      this.endedByDriver = true;
      killGroup(this.pid);
    }
    if (!(await waitForDeath(this.pid, this.paths.pid, KILL_WAIT_MS))) {
      throw new Error(`qemu ${this.pid} survived SIGKILL for ${KILL_WAIT_MS} ms`);
    }
    this.noticeExit();
  }

  /** Waits for the noticed exit to be a real death, killing a process that lingers. */
  async reap(graceMs: number): Promise<void> {
    if (!(await waitForDeath(this.pid, this.paths.pid, graceMs))) await this.kill();
    this.disconnect();
  }

  /** Stops watching without touching the process: the guest runs on for the next driver. */
  detach(): void {
    this.detached = true;
    clearTimeout(this.shutdownTimer);
    this.disconnect();
  }

  finish(): void {
    this.markGone();
  }

  private disconnect(): void {
    this.qmp?.close();
    this.serial?.destroy();
  }

  private noticeExit(): void {
    if (this.exitNoticed || this.detached) return;
    this.exitNoticed = true;
    this.hooks.onExit(this);
  }

  private async openMonitor(deadline: number, timeoutMs: number): Promise<QmpClient> {
    for (;;) {
      try {
        return await QmpClient.open(this.paths.qmp, Math.max(1, deadline - Date.now()));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const retryable = code === 'ENOENT' || code === 'ECONNREFUSED';
        if (!retryable || this.exitNoticed || Date.now() >= deadline) {
          throw retryable ? new Error(`qemu monitor did not come up within ${timeoutMs} ms`) : error;
        }
        await sleep(CONNECT_RETRY_MS);
      }
    }
  }

  private async openSerial(console: ConsoleLog, deadline: number): Promise<Socket> {
    for (;;) {
      try {
        const socket = await connectUnix(this.paths.serial);
        socket.on('data', (chunk: Buffer) => console.append(chunk));
        // Errors after connecting end the capture only; the monitor tells about the process.
        socket.on('error', () => socket.destroy());
        return socket;
      } catch (error) {
        if (this.exitNoticed || Date.now() >= deadline) throw error;
        await sleep(CONNECT_RETRY_MS);
      }
    }
  }
}

function connectUnix(path: string): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
