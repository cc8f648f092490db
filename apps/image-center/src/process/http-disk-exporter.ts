import type { Readable } from 'node:stream';
import { INSTANCE_DISK_ROUTE, SERVICE_GROUPS, type ControlEndpoint, type ExportedDisk, type InstanceDiskExporter, type InstanceRequest } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, leaderFirst, ServiceWatch } from '@ecs/transport';

/**
 * Flattening a disk (qemu-img convert on the host) comes before its first byte, so the wait for an
 * answer is long; afterwards the stream fails if it stalls this long.
 */
const EXPORT_TIMEOUT_MS = 5 * 60_000;
const RETRY_BUDGET_MS = 10_000;

/**
 * CreateImage's disk source in a cluster: control checks that the instance is Stopped on a host and
 * relays that host agent's export of its system disk (docs/decisions/0097). Any control replica
 * serves it, since nothing changes; the bytes arrive as a stream the image center ingests once.
 */
export class HttpDiskExporter implements InstanceDiskExporter {
  private constructor(
    private readonly replicas: ServiceWatch<ControlEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpDiskExporter> {
    const replicas = await ServiceWatch.start<ControlEndpoint>(coordinator, SERVICE_GROUPS.control);
    const client = new InternalClient({ service: 'control', token, endpoints: { endpoints: () => leaderFirst(replicas.members()) }, timeoutMs: EXPORT_TIMEOUT_MS, retryBudgetMs: RETRY_BUDGET_MS });
    return new HttpDiskExporter(replicas, client);
  }

  async exportDisk(instanceId: string): Promise<ExportedDisk> {
    const request: InstanceRequest = { instanceId };
    const stream: Readable = await this.client.postForStream(INSTANCE_DISK_ROUTE, request, { idempotent: true });
    return { kind: 'stream', stream };
  }

  close(): void {
    this.replicas.close();
  }
}
