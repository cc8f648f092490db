import type { DomainSpec } from '@ecs/contracts';
import type { DomainInfo, DomainLifecycleListener, HypervisorDriver, ShutdownOptions } from '../driver/hypervisor-driver';
import type { HostResources } from '../driver/resources';

/**
 * Work a host must do around a domain's life that the hypervisor itself does not, such as serving
 * the guest's metadata socket: it must exist before the guest's first instruction and go with the domain.
 */
export interface DomainHooks {
  /** Runs before every start; a rejection fails the start and the domain stays shut off. */
  readonly beforeStart?: (instanceId: string) => Promise<void>;
  /** Runs after a successful undefine; a rejection is the undefine's, although the domain is already gone. */
  readonly afterUndefine?: (instanceId: string) => Promise<void>;
}

/** The driver with the hooks around start and undefine; every other call passes straight through. */
export function withDomainHooks(driver: HypervisorDriver, hooks: DomainHooks): HypervisorDriver {
  return new HookedDriver(driver, hooks);
}

class HookedDriver implements HypervisorDriver {
  constructor(
    private readonly driver: HypervisorDriver,
    private readonly hooks: DomainHooks,
  ) {}

  defineDomain(spec: DomainSpec): Promise<void> {
    return this.driver.defineDomain(spec);
  }

  async startDomain(instanceId: string): Promise<void> {
    await this.hooks.beforeStart?.(instanceId);
    await this.driver.startDomain(instanceId);
  }

  shutdownDomain(instanceId: string, options: ShutdownOptions): Promise<void> {
    return this.driver.shutdownDomain(instanceId, options);
  }

  destroyDomain(instanceId: string): Promise<void> {
    return this.driver.destroyDomain(instanceId);
  }

  rebootDomain(instanceId: string): Promise<void> {
    return this.driver.rebootDomain(instanceId);
  }

  async undefineDomain(instanceId: string): Promise<void> {
    await this.driver.undefineDomain(instanceId);
    await this.hooks.afterUndefine?.(instanceId);
  }

  listDomains(): Promise<DomainInfo[]> {
    return this.driver.listDomains();
  }

  domainState(instanceId: string): Promise<DomainInfo> {
    return this.driver.domainState(instanceId);
  }

  onLifecycleEvent(listener: DomainLifecycleListener): () => void {
    return this.driver.onLifecycleEvent(listener);
  }

  consoleOutput(instanceId: string): Promise<string> {
    return this.driver.consoleOutput(instanceId);
  }

  resources(): Promise<HostResources> {
    return this.driver.resources();
  }
}
