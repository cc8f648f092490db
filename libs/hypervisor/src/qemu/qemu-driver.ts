import type { DomainSpec } from '@ecs/contracts';
import { createLogger, type Logger } from '@ecs/observability';
import { assertValidDomainSpec, domainSpecsEqual } from '../driver/domain-spec';
import type { DomainInfo, DomainLifecycleListener, HypervisorDriver, ShutdownOptions } from '../driver/hypervisor-driver';
import {
  addResources,
  demandOf,
  fitsWithin,
  NO_RESOURCES,
  subtractResources,
  type HostResources,
  type ResourceAmounts,
} from '../driver/resources';
import {
  DomainNotFoundError,
  DomainStateError,
  HostLostError,
  InsufficientResourcesError,
  InvalidDomainSpecError,
} from '../errors/hypervisor-errors';
import { prepareDomainDisk } from './domain-disk';
import { domainPaths, ensureDir, removeQuietly, writeJsonAtomic } from './domain-folder';
import { infoOf, messageOf, openRecord, saveStoppedStatus, setState, type DomainRecord, type DomainStates } from './domain-record';
import { KeyedMutex } from './keyed-mutex';
import { kvmWorks } from './kvm-probe';
import { LifecycleEmitter } from './lifecycle-emitter';
import { buildQemuArgs } from './qemu-args';
import { QEMU_DRIVER_DEFAULTS, type QemuDriverConfig, type QemuDriverOptions } from './qemu-driver-options';
import { spawnQemu } from './qemu-process';
import { flattenImage } from './qemu-img';
import { classifyRunState } from './qemu-state';
import { QemuVm } from './qemu-vm';
import { scanStateDir, type LeftDomain } from './state-dir-scan';
import { VmSupervisor } from './vm-supervisor';

const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/**
 * Real guests: one QEMU process per domain, driven over QMP, with a copy-on-write disk over the
 * image's base file and user-mode networking whose only reachable address is the metaserver.
 * Per-domain state lives in `<stateDir>/<instanceId>/`; a new driver over the same folder
 * re-attaches to running QEMU processes (pidfile + monitor) and marks stale ones shut off.
 *
 * Where QEMU differs from the KVM model (also noted on HypervisorDriver):
 * - `running` means the vCPUs run; `booting` lasts until QEMU is up and the guest continued, not
 *   until the guest OS is ready.
 * - A guest may power itself off (running → shutoff/shutdown) or reset itself (running →
 *   booting/rebooting → running) without a call.
 * - A QEMU process that dies while its guest runs, without the guest powering off, leaves the
 *   domain crashed.
 * - Serial output printed while no driver is attached (agent down) is dropped by QEMU.
 * - There is no daemon to lose, so HostLostError comes only from a closed driver.
 */
export class QemuDriver implements HypervisorDriver {
  private readonly options: QemuDriverOptions;
  private readonly domains = new Map<string, DomainRecord>();
  /** Claims of defines in flight, so that concurrent defines cannot overbook the host. */
  private readonly defining = new Map<string, ResourceAmounts>();
  private readonly locks = new KeyedMutex();
  private readonly log: Logger;
  private readonly lifecycle: LifecycleEmitter;
  private readonly states: DomainStates;
  private readonly supervisor: VmSupervisor;
  private loaded: Promise<void> | undefined;
  private accelerator: Promise<'tcg' | 'kvm'> | undefined;
  private closed = false;

  constructor(config: QemuDriverConfig) {
    this.options = { ...QEMU_DRIVER_DEFAULTS, ...config };
    this.log = createLogger('hypervisor.qemu', { host: config.hostName });
    this.lifecycle = new LifecycleEmitter(this.log);
    this.states = {
      enter: (record, state, reason, detail) => {
        setState(record, state, reason, detail);
        this.lifecycle.emit({ kind: 'state-changed', instanceId: record.spec.instanceId, state, reason, ...(detail ? { detail } : {}) });
      },
    };
    this.supervisor = new VmSupervisor(this.states, this.options.qmpTimeoutMs, this.log);
  }

  async defineDomain(spec: DomainSpec): Promise<void> {
    assertValidDomainSpec(spec);
    if (!INSTANCE_ID.test(spec.instanceId)) throw new InvalidDomainSpecError(spec.instanceId, 'instanceId is not a safe folder name');
    if (!MAC.test(spec.mac)) throw new InvalidDomainSpecError(spec.instanceId, `mac ${spec.mac} is not a MAC address`);
    await this.ready();
    await this.locks.run(spec.instanceId, async () => {
      const existing = this.domains.get(spec.instanceId);
      if (existing && domainSpecsEqual(existing.spec, spec)) return;
      if (existing && existing.state !== 'shutoff') throw new DomainStateError(spec.instanceId, 'redefine', existing.state);
      this.claim(spec, existing?.spec);
      const paths = domainPaths(this.options.stateDir, spec.instanceId);
      try {
        await ensureDir(paths.dir);
        await prepareDomainDisk(this.options, spec, existing?.spec, paths);
        await writeJsonAtomic(paths.spec, spec);
        if (existing) existing.spec = spec;
        else this.domains.set(spec.instanceId, await openRecord(spec, paths, { reason: 'defined' }, this.options.consoleLimitBytes));
      } catch (error) {
        if (!existing) await removeQuietly(paths.dir);
        throw error;
      } finally {
        this.defining.delete(spec.instanceId);
      }
      this.lifecycle.emit({ kind: 'defined', instanceId: spec.instanceId });
    });
  }

  async startDomain(instanceId: string): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      if (record.state !== 'shutoff') throw new DomainStateError(instanceId, 'start', record.state);
      const accel = await this.chooseAccelerator();
      await Promise.all([record.paths.qmp, record.paths.serial, record.paths.status].map(removeQuietly));
      const args = buildQemuArgs({
        spec: record.spec,
        paths: record.paths,
        accel,
        metadataSocketPath: this.options.metadataSocketPath(instanceId),
        socatBinary: this.options.socatBinary,
      });
      const vm = QemuVm.launched(spawnQemu(this.options.qemuBinary, args, record.paths.qemuLog), record.paths, this.supervisor.hooksFor(record));
      record.vm = vm;
      this.states.enter(record, 'booting', 'starting');
      this.supervisor.track(this.supervisor.boot(record, vm), 'boot');
    });
  }

  async shutdownDomain(instanceId: string, options: ShutdownOptions): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      const vm = record.vm;
      switch (record.state) {
        case 'shutting-down':
          return;
        case 'booting':
        case 'running':
          if (!vm) throw new DomainStateError(instanceId, 'shut down', record.state);
          this.states.enter(record, 'shutting-down', 'shutdown-requested');
          vm.shutdownTimer = setTimeout(() => this.supervisor.track(vm.stop(this.options.qmpTimeoutMs), 'forced shutdown'), Math.max(0, options.timeoutMs));
          vm.shutdownTimer.unref();
          // While booting, the boot sequence presses the button once the guest runs.
          if (vm.monitorReady) await this.supervisor.powerButton(vm);
          return;
        case 'shutoff':
        case 'crashed':
          throw new DomainStateError(instanceId, 'shut down', record.state);
      }
    });
  }

  async destroyDomain(instanceId: string): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      if (record.state === 'shutoff') throw new DomainStateError(instanceId, 'destroy', record.state);
      const vm = record.vm;
      if (!vm) {
        // A crashed guest whose QEMU is already gone: nothing to stop.
        await saveStoppedStatus(record.paths, { reason: 'destroyed' });
        return this.states.enter(record, 'shutoff', 'destroyed');
      }
      vm.destroyRequested = true;
      clearTimeout(vm.shutdownTimer);
      await vm.stop(this.options.qmpTimeoutMs);
      await vm.gone;
    });
  }

  async rebootDomain(instanceId: string): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      const vm = record.vm;
      if (record.state !== 'running' || !vm) throw new DomainStateError(instanceId, 'reboot', record.state);
      this.states.enter(record, 'booting', 'rebooting');
      try {
        await vm.execute('system_reset');
      } catch (error) {
        vm.failure ??= `reset failed: ${messageOf(error)}`;
        this.supervisor.track(vm.kill(), 'kill after failed reset');
        return;
      }
      this.supervisor.track(this.supervisor.refresh(record, vm), 'status after reset');
    });
  }

  async undefineDomain(instanceId: string): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      if (record.state !== 'shutoff') throw new DomainStateError(instanceId, 'undefine', record.state);
      // The folder goes anyway: a console write that failed no longer matters.
      await record.console.flush().catch(() => undefined);
      await removeQuietly(record.paths.dir);
      this.domains.delete(instanceId);
      this.lifecycle.emit({ kind: 'undefined', instanceId });
    });
  }

  async listDomains(): Promise<DomainInfo[]> {
    await this.ready();
    return [...this.domains.values()].map(infoOf);
  }

  async domainState(instanceId: string): Promise<DomainInfo> {
    await this.ready();
    return infoOf(this.record(instanceId));
  }

  onLifecycleEvent(listener: DomainLifecycleListener): () => void {
    return this.lifecycle.subscribe(listener);
  }

  async consoleOutput(instanceId: string): Promise<string> {
    await this.ready();
    return this.record(instanceId).console.text();
  }

  /**
   * Writes a standalone qcow2 copy of a shut-off domain's system disk (the overlay flattened onto its
   * base image) to `destination`, e.g. for an image created from the instance. The domain cannot be
   * started, redefined or undefined until the copy is complete.
   * @throws DomainNotFoundError if the domain is not defined.
   * @throws DomainStateError unless the domain is shut off (a running guest's disk is not consistent).
   */
  async exportDisk(instanceId: string, destination: string): Promise<void> {
    await this.ready();
    await this.locks.run(instanceId, async () => {
      const record = this.record(instanceId);
      if (record.state !== 'shutoff') throw new DomainStateError(instanceId, 'export the disk of', record.state);
      await flattenImage(this.options.qemuImgBinary, record.paths.disk, destination);
    });
  }

  async resources(): Promise<HostResources> {
    await this.ready();
    return { capacity: this.options.capacity, allocated: this.allocated(), domainCount: this.domains.size };
  }

  /**
   * Lets go of every guest without touching it (as an agent that exits does): monitors and consoles
   * are closed, pending forced shutdowns are dropped, and every later call fails with HostLostError.
   * A new driver over the same state folder takes the guests over.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.lifecycle.mute();
    await this.loaded?.catch(() => undefined);
    for (const record of this.domains.values()) {
      record.vm?.detach();
      await record.console.flush().catch((error: unknown) => this.log.warn('console log not saved', { instanceId: record.spec.instanceId, error }));
    }
  }

  private claim(spec: DomainSpec, previous: DomainSpec | undefined): void {
    const released = previous ? demandOf(previous) : NO_RESOURCES;
    const free = addResources(subtractResources(this.options.capacity, this.allocated()), released);
    const demand = demandOf(spec);
    if (!fitsWithin(demand, free)) throw new InsufficientResourcesError(spec.instanceId, demand, free);
    this.defining.set(spec.instanceId, subtractResources(demand, released));
  }

  private allocated(): ResourceAmounts {
    let total = NO_RESOURCES;
    for (const record of this.domains.values()) total = addResources(total, demandOf(record.spec));
    for (const claim of this.defining.values()) total = addResources(total, claim);
    return total;
  }

  private ready(): Promise<void> {
    if (this.closed) return Promise.reject(new HostLostError(this.options.hostName));
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  /** Re-attaches to what an earlier driver left: domains, running QEMU processes, console logs. */
  private async load(): Promise<void> {
    for (const left of await scanStateDir(this.options.stateDir, this.log)) {
      const record = await openRecord(left.spec, left.paths, left.status, this.options.consoleLimitBytes);
      this.domains.set(left.spec.instanceId, record);
      await this.adopt(record, left.process);
    }
  }

  private async adopt(record: DomainRecord, left: LeftDomain['process']): Promise<void> {
    if (!left) return;
    if (!left.live) return this.markStale(record, 'qemu was gone when the driver attached');
    const vm = QemuVm.adopted(left.pid, record.paths, this.supervisor.hooksFor(record));
    try {
      await vm.connect(record.console, this.options.qmpTimeoutMs);
      const { status } = await vm.execute<{ status: string }>('query-status');
      record.vm = vm;
      switch (classifyRunState(status)) {
        case 'running':
          return setState(record, 'running', 'booted');
        case 'resumable':
          setState(record, 'booting', 'starting');
          return this.supervisor.track(this.supervisor.continueBoot(record, vm), 'resumed boot');
        case 'failed':
          return setState(record, 'crashed', 'guest-crashed', `guest stopped: ${status}`);
        case 'exiting':
          vm.shutdownReason ??= 'guest-shutdown';
          return setState(record, 'shutting-down', 'shutdown-requested');
      }
    } catch (error) {
      // As libvirt does: a guest that cannot be controlled is not left running unmanaged.
      this.log.warn('cannot re-attach to qemu; killing it', { instanceId: record.spec.instanceId, pid: left.pid, error });
      record.vm = undefined;
      vm.detach();
      await vm.kill();
      await this.markStale(record, `could not re-attach: ${messageOf(error)}`);
    }
  }

  private async markStale(record: DomainRecord, detail: string): Promise<void> {
    await removeQuietly(record.paths.pid);
    await saveStoppedStatus(record.paths, { reason: 'destroyed', detail });
    setState(record, 'shutoff', 'destroyed', detail);
  }

  private chooseAccelerator(): Promise<'tcg' | 'kvm'> {
    this.accelerator ??= (async () => {
      switch (this.options.accel) {
        case 'tcg':
        case 'kvm':
          return this.options.accel;
        case 'auto': {
          const accel = (await kvmWorks(this.options.qemuBinary, this.options.stateDir, this.options.kvmProbeTimeoutMs)) ? 'kvm' : 'tcg';
          this.log.info('accelerator chosen', { accel });
          return accel;
        }
      }
    })();
    return this.accelerator;
  }

  private record(instanceId: string): DomainRecord {
    const record = this.domains.get(instanceId);
    if (!record) throw new DomainNotFoundError(instanceId);
    return record;
  }
}
