/**
 * The contract between control and host agents. Control owns desired state; agents own the
 * hypervisor and report what they observe. Every command carries the control leader's fencing
 * epoch; an agent rejects an epoch lower than the highest it has seen.
 */
export interface DomainSpec {
  readonly instanceId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly imageId: string;
  readonly hostName: string;
  readonly mac: string;
  readonly privateIp: string;
  /** Base64, as the tenant sent it; handed to the metaserver, never logged. */
  readonly userData?: string;
}

export type DesiredPower = 'on' | 'off';

export interface DesiredDomain {
  readonly spec: DomainSpec;
  readonly power: DesiredPower;
  /** Bumped by control on every change of intent (e.g. each reboot), so agents can tell a new ask from an old one. */
  readonly generation: number;
  /**
   * Set while a reboot is outstanding: the generation whose reboot the agent owes. Carried in the
   * desired state (not only in the reboot command) so that a lost command still reboots on resync.
   */
  readonly rebootGeneration?: number;
}

export type HostCommand =
  | { readonly kind: 'ensure'; readonly epoch: number; readonly domain: DesiredDomain }
  | { readonly kind: 'reboot'; readonly epoch: number; readonly instanceId: string; readonly generation: number }
  | { readonly kind: 'destroy'; readonly epoch: number; readonly instanceId: string }
  | { readonly kind: 'remove'; readonly epoch: number; readonly instanceId: string };

export type HostCommandKind = HostCommand['kind'];

/** What control offers agents to pull for a full, level-triggered resync. */
export interface DesiredStateSource {
  desiredDomains(hostId: string): Promise<{ epoch: number; domains: DesiredDomain[] }>;
}

/** How control reaches one host agent (in-process in all-in-one, HTTP in the cluster). */
export interface HostAgentClient {
  send(command: HostCommand): Promise<void>;
}

/** Where control finds the agent for a host. */
export interface HostAgentDirectory {
  clientFor(hostId: string): HostAgentClient | undefined;
}

/** Published by an agent when it registers (ephemeral: it disappears when the agent dies). */
export interface HostRegistration {
  readonly hostId: string;
  readonly zoneId: string;
  readonly address: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly hostClass: string;
  readonly rack: string;
  readonly cachedImageIds: readonly string[];
}

/** Raised by an agent when a command's epoch is older than one it has already obeyed. */
export class StaleEpochError extends Error {
  constructor(
    readonly commandEpoch: number,
    readonly currentEpoch: number,
  ) {
    super(`command epoch ${commandEpoch} is older than ${currentEpoch}`);
    this.name = 'StaleEpochError';
  }
}
