import type { DesiredDomain, DesiredStateSource } from '@ecs/contracts';
import type { InstanceRepository } from '@ecs/persistence';
import { desiredDomainOf } from '../dispatch/host-commander';
import type { ControlLeadership } from '../leadership/control-leadership';

/** The full desired state of one host, for an agent's level-triggered resync. */
export class DesiredStateService implements DesiredStateSource {
  constructor(
    private readonly instances: InstanceRepository,
    private readonly leadership: ControlLeadership,
  ) {}

  async desiredDomains(hostId: string): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    const epoch = this.leadership.epoch();
    const rows = await this.instances.onHost(hostId);
    return { epoch, domains: rows.map(desiredDomainOf) };
  }
}
