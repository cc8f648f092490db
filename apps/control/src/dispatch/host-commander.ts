import type { DesiredDomain, HostAgentDirectory, HostCommand } from '@ecs/contracts';
import type { InstanceEntity } from '@ecs/persistence';
import { createLogger } from '@ecs/observability';
import type { ControlLeadership } from '../leadership/control-leadership';

const log = createLogger('control.dispatch');

type Unfenced<C> = C extends HostCommand ? Omit<C, 'epoch'> : never;

/**
 * Sends fenced commands to host agents. Delivery is best effort on purpose: the durable task's
 * deadline and the agent's periodic resync make a lost command harmless.
 */
export class HostCommander {
  constructor(
    private readonly directory: HostAgentDirectory,
    private readonly leadership: ControlLeadership,
  ) {}

  send(hostId: string | null, command: Unfenced<HostCommand>): void {
    if (!hostId) return;
    const client = this.directory.clientFor(hostId);
    if (!client) {
      log.warn('no agent reachable for host; the task deadline will settle it', { hostId, kind: command.kind });
      return;
    }
    const fenced = { ...command, epoch: this.leadership.epoch() } as HostCommand;
    client.send(fenced).catch((error: unknown) => log.warn('host command not delivered', { hostId, kind: command.kind, error }));
  }

  ensure(row: InstanceEntity): void {
    this.send(row.hostId, { kind: 'ensure', domain: desiredDomainOf(row) });
  }
}

export function desiredDomainOf(row: InstanceEntity): DesiredDomain {
  return {
    spec: {
      instanceId: row.instanceId,
      vcpus: row.vcpus,
      memoryMiB: row.memoryMiB,
      diskGiB: row.diskGiB,
      imageId: row.imageId,
      hostName: row.hostName,
      mac: row.mac,
      privateIp: row.privateIp,
      ...(row.userData ? { userData: row.userData } : {}),
    },
    power: row.power === 'on' ? 'on' : 'off',
    generation: row.powerGeneration,
    // Only while the reboot is outstanding: once Running again, a restarted agent must not reboot twice.
    ...(row.status === 'Starting' && row.latestOperation === 'RebootInstance' ? { rebootGeneration: row.powerGeneration } : {}),
  };
}
