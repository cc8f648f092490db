import type { ResourceAmounts } from '../driver/resources';

export interface SimDriverOptions {
  /** Shown in console logs and errors; normally the host id. */
  readonly hostName: string;
  readonly capacity: ResourceAmounts;
  /** From power-on or reboot until the guest is up (or its boot fails). */
  readonly bootMs: number;
  /** How long a guest takes to power itself off after an ACPI request. */
  readonly guestShutdownMs: number;
  /** Console output keeps at most this many bytes. */
  readonly consoleLimitBytes: number;
}

export const SIM_DRIVER_DEFAULTS = {
  bootMs: 2_000,
  guestShutdownMs: 1_000,
  consoleLimitBytes: 16 * 1024,
} as const satisfies Partial<SimDriverOptions>;

export type SimDriverConfig = Pick<SimDriverOptions, 'hostName' | 'capacity'> & Partial<SimDriverOptions>;
