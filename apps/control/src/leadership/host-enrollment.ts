import { SERVICE_GROUPS, type HostRegistration } from '@ecs/contracts';
import type { Coordinator, Member } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import type { HostEntity, LedgerRepository } from '@ecs/persistence';
import { leaderScope } from '../fencing/leader-scope';
import type { ControlLeadership } from './control-leadership';

const log = createLogger('control.enrollment');
const RETRY_MS = 1_000;

/**
 * Where agents run as their own processes they cannot write the ledger (agents never touch the
 * database): the leader puts each registered host into the ledger, or updates its size, as a
 * fenced leader-only write. Usage and allocations are kept; a host that leaves stays in the
 * ledger, merely not alive, so its instances keep their claims.
 */
export class HostEnrollment {
  private latest: readonly Member<HostRegistration>[] = [];
  private queue: Promise<void> = Promise.resolve();
  private watch: { close(): void } | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly leadership: ControlLeadership,
    private readonly ratios: { readonly cpu: number; readonly memory: number } = { cpu: 1, memory: 1 },
  ) {}

  async start(coordinator: Pick<Coordinator, 'watch'>): Promise<void> {
    this.leadership.onChange((leading) => {
      if (leading) this.schedule();
    });
    this.watch = await coordinator.watch<HostRegistration>(SERVICE_GROUPS.hosts, (members) => {
      this.latest = members;
      this.schedule();
    });
  }

  stop(): void {
    this.stopped = true;
    this.watch?.close();
    clearTimeout(this.retry);
  }

  /** Resolves once every enrollment asked for so far has run. */
  settled(): Promise<void> {
    return this.queue;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.queue = this.queue
      .then(() => this.enroll())
      .catch((error: unknown) => {
        log.warn('host enrollment failed; retrying', { error });
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.schedule(), RETRY_MS);
        this.retry.unref();
      });
  }

  private async enroll(): Promise<void> {
    if (!this.leadership.isLeader()) return;
    const epoch = this.leadership.epoch();
    const rows = new Map((await this.ledger.hosts()).map((row) => [row.hostId, row]));
    const changed = this.latest.filter((m) => !matches(rows.get(m.id), m.data));
    await leaderScope.run(epoch, async () => {
      for (const { data } of changed) {
        await this.ledger.upsertHost({
          hostId: data.hostId,
          zoneId: data.zoneId,
          rack: data.rack,
          hostClass: data.hostClass,
          vcpus: data.vcpus,
          memoryMiB: data.memoryMiB,
          diskGiB: data.diskGiB,
          cpuAllocationRatio: this.ratios.cpu,
          memoryAllocationRatio: this.ratios.memory,
        });
        log.info('host enrolled', { hostId: data.hostId, zoneId: data.zoneId, vcpus: data.vcpus, memoryMiB: data.memoryMiB });
      }
    });
  }
}

function matches(row: HostEntity | undefined, registration: HostRegistration): boolean {
  return (
    row !== undefined &&
    row.zoneId === registration.zoneId &&
    row.rack === registration.rack &&
    row.hostClass === registration.hostClass &&
    row.vcpus === registration.vcpus &&
    row.memoryMiB === registration.memoryMiB &&
    row.diskGiB === registration.diskGiB
  );
}
