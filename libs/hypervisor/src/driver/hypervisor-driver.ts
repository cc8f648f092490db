import type { DomainSpec } from '@ecs/contracts';
import type { DomainState, DomainStateReason } from './domain-state';
import type { HostResources } from './resources';

/** One domain as the hypervisor sees it now. */
export interface DomainInfo {
  readonly instanceId: string;
  /** The persistent definition; a redefinition while shut off replaces it. */
  readonly spec: DomainSpec;
  readonly state: DomainState;
  readonly reason: DomainStateReason;
  /** Human-readable cause for failure reasons (boot failure, crash); never contains user-data. */
  readonly detail?: string;
}

export type DomainLifecycleEvent =
  | { readonly kind: 'defined'; readonly instanceId: string }
  | { readonly kind: 'undefined'; readonly instanceId: string }
  | {
      readonly kind: 'state-changed';
      readonly instanceId: string;
      readonly state: DomainState;
      readonly reason: DomainStateReason;
      readonly detail?: string;
    };

export type DomainLifecycleListener = (event: DomainLifecycleEvent) => void;

export interface ShutdownOptions {
  /** How long the guest gets to power itself off after the ACPI request before it is forced off. */
  readonly timeoutMs: number;
}

/**
 * A libvirt-like view of one hypervisor host. Domains are named by instance id.
 *
 * General rules every driver keeps:
 * - Every method is asynchronous and may reject with {@link HostLostError} when the hypervisor
 *   cannot be reached; callers retry later and must not assume anything about domain state then.
 * - Errors raised on purpose are {@link HypervisorError} subclasses: {@link DomainNotFoundError}
 *   for an unknown id, {@link DomainStateError} when the current state forbids the operation
 *   (callers that raced a transition re-read the state and try again), and the ones named per method.
 * - Power operations return once the transition has been accepted. Transitions complete on their
 *   own; completion is visible through {@link domainState}, {@link listDomains} and lifecycle events.
 * - Lifecycle events are a hint, not a log: they are not delivered while the host is lost and a
 *   listener attached late misses earlier ones. Anyone who must know the truth lists the domains.
 *
 * State transitions (anything not listed is a DomainStateError):
 *   (undefined) --define-->  shutoff/defined
 *   shutoff     --start-->   booting/starting --> running/booted | shutoff/boot-failed
 *   running     --reboot-->  booting/rebooting --> running/booted | shutoff/boot-failed
 *   booting, running --shutdown--> shutting-down --> shutoff/shutdown | shutoff/shutdown-forced
 *   booting, running, shutting-down, crashed --destroy--> shutoff/destroyed
 *   running     --(guest fault)--> crashed/guest-crashed
 *   shutoff     --undefine--> (undefined)
 * Drivers of real guests (qemu) also move when the guest itself acts, without a call:
 *   running     --(guest powers off)--> shutoff/shutdown
 *   running     --(guest resets)--> booting/rebooting --> running/booted
 * and there `running` means the vCPUs run, not that the guest OS is up.
 */
export interface HypervisorDriver {
  /**
   * Creates the persistent definition of a domain in state shutoff and claims its vCPUs, memory and
   * disk from the host. Idempotent: defining an existing domain with an equal spec changes nothing.
   * Defining an existing domain with a different spec replaces the definition (and its claim) and is
   * allowed only while it is shut off.
   * @throws InvalidDomainSpecError if the spec cannot be built (non-positive sizes, empty id).
   * @throws InsufficientResourcesError if the claim would exceed the host's capacity.
   * @throws DomainStateError for a different spec while the domain is not shut off.
   */
  defineDomain(spec: DomainSpec): Promise<void>;

  /**
   * Powers a shut-off domain on. Resolves once it is booting; it then reaches running, or shutoff
   * with reason boot-failed and a detail saying why.
   * @throws DomainStateError unless the domain is shut off (a crashed domain is destroyed first).
   */
  startDomain(instanceId: string): Promise<void>;

  /**
   * Asks the guest to power off (ACPI). Resolves once the request is accepted; the domain is then
   * shutting-down until the guest is off (shutoff/shutdown) or, if it has not finished after
   * `timeoutMs`, the driver forces it off (shutoff/shutdown-forced). Asking again while it is already
   * shutting down changes nothing.
   * @throws DomainStateError unless the domain is booting, running or shutting-down.
   */
  shutdownDomain(instanceId: string, options: ShutdownOptions): Promise<void>;

  /**
   * Pulls the plug: resolves only when the domain is shut off (shutoff/destroyed). Any pending boot
   * or graceful shutdown is abandoned.
   * @throws DomainStateError if the domain is already shut off.
   */
  destroyDomain(instanceId: string): Promise<void>;

  /**
   * Restarts a running guest. Resolves once it is booting again; completion is as for start.
   * @throws DomainStateError unless the domain is running.
   */
  rebootDomain(instanceId: string): Promise<void>;

  /**
   * Deletes the definition and releases everything the domain claimed; its console log goes too.
   * @throws DomainStateError unless the domain is shut off.
   */
  undefineDomain(instanceId: string): Promise<void>;

  /** Every defined domain, in no particular order. */
  listDomains(): Promise<DomainInfo[]>;

  /** @throws DomainNotFoundError if the domain is not defined. */
  domainState(instanceId: string): Promise<DomainInfo>;

  /**
   * Subscribes to lifecycle events; returns the unsubscribe function. Listeners are called after
   * the state they describe is visible, must return quickly and must not throw.
   */
  onLifecycleEvent(listener: DomainLifecycleListener): () => void;

  /**
   * The tail of the domain's serial console: at most the driver's configured limit of bytes
   * (whole lines only), kept across reboots until the domain is undefined. (qemu: what the guest
   * prints while no driver is attached, e.g. during an agent restart, is not captured.)
   * @throws DomainNotFoundError if the domain is not defined.
   */
  consoleOutput(instanceId: string): Promise<string>;

  /** The host's totals and the sum of what every defined domain (whatever its state) claims. */
  resources(): Promise<HostResources>;
}
