import type { ResourceAmounts } from '../driver/resources';
import type { DomainState } from '../driver/domain-state';

/** Every error a driver raises on purpose; anything else is a driver bug or an I/O failure. */
export abstract class HypervisorError extends Error {}

export class DomainNotFoundError extends HypervisorError {
  constructor(readonly instanceId: string) {
    super(`domain ${instanceId} is not defined`);
    this.name = 'DomainNotFoundError';
  }
}

/** The operation is not allowed in the domain's current state (libvirt's "operation invalid"). */
export class DomainStateError extends HypervisorError {
  constructor(
    readonly instanceId: string,
    readonly operation: string,
    readonly state: DomainState,
  ) {
    super(`cannot ${operation} domain ${instanceId} while it is ${state}`);
    this.name = 'DomainStateError';
  }
}

/** Defining the domain would exceed what the host has left. */
export class InsufficientResourcesError extends HypervisorError {
  constructor(
    readonly instanceId: string,
    readonly requested: ResourceAmounts,
    readonly free: ResourceAmounts,
  ) {
    super(
      `domain ${instanceId} needs ${requested.vcpus} vCPU/${requested.memoryMiB} MiB/${requested.diskGiB} GiB, ` +
        `host has ${free.vcpus} vCPU/${free.memoryMiB} MiB/${free.diskGiB} GiB free`,
    );
    this.name = 'InsufficientResourcesError';
  }
}

export class InvalidDomainSpecError extends HypervisorError {
  constructor(
    readonly instanceId: string,
    readonly why: string,
  ) {
    super(`invalid spec for domain ${instanceId}: ${why}`);
    this.name = 'InvalidDomainSpecError';
  }
}

/**
 * The hypervisor cannot be reached (host down, management daemon gone, connection lost). Nothing
 * is known about the domains until it comes back; they may still be running.
 */
export class HostLostError extends HypervisorError {
  constructor(readonly hostName: string) {
    super(`hypervisor on ${hostName} is unreachable`);
    this.name = 'HostLostError';
  }
}
