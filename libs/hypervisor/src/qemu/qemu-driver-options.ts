import type { ResourceAmounts } from '../driver/resources';

/** `auto` uses KVM only when a bounded probe shows it really runs guest code, otherwise TCG. */
export type QemuAccel = 'auto' | 'tcg' | 'kvm';

export interface QemuDriverOptions {
  /** Shown in logs and errors; normally the host id. */
  readonly hostName: string;
  /** One folder per domain lives here; a new driver over the same folder re-attaches to its guests. */
  readonly stateDir: string;
  readonly capacity: ResourceAmounts;
  /**
   * The base disk image (raw or qcow2) for an image id. Overlays reference it by path, so the file
   * must not change while any domain defined from it exists.
   */
  readonly imageResolver: (imageId: string) => Promise<string>;
  /** The unix socket where the metaserver answers this instance's guest (identity by path). */
  readonly metadataSocketPath: (instanceId: string) => string;
  readonly qemuBinary: string;
  readonly qemuImgBinary: string;
  /** Relays each guest connection to 100.100.100.200:80 onto the instance's metadata socket. */
  readonly socatBinary: string;
  readonly accel: QemuAccel;
  /** Console output keeps at most this many bytes per domain. */
  readonly consoleLimitBytes: number;
  /** Bound on reaching a new or re-attached QEMU's monitor, on each QMP command, and on a quit. */
  readonly qmpTimeoutMs: number;
  /** Bound on the KVM probe that `auto` runs once per driver. */
  readonly kvmProbeTimeoutMs: number;
}

export const QEMU_DRIVER_DEFAULTS = {
  qemuBinary: 'qemu-system-x86_64',
  qemuImgBinary: 'qemu-img',
  socatBinary: 'socat',
  accel: 'auto',
  consoleLimitBytes: 64 * 1024,
  qmpTimeoutMs: 10_000,
  kvmProbeTimeoutMs: 10_000,
} as const satisfies Partial<QemuDriverOptions>;

export type QemuDriverConfig = Pick<
  QemuDriverOptions,
  'hostName' | 'stateDir' | 'capacity' | 'imageResolver' | 'metadataSocketPath'
> &
  Partial<QemuDriverOptions>;
