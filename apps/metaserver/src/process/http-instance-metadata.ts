import { INSTANCE_METADATA_ROUTE, SERVICE_GROUPS, type ControlEndpoint, type InstanceMetadata, type InstanceMetadataAnswer, type InstanceMetadataSource, type InstanceRequest } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, leaderFirst, ServiceWatch } from '@ecs/transport';

/** A guest's metadata client waits a few seconds at most; so does this hop. */
const METADATA_TIMEOUT_MS = 3_000;
const RETRY_BUDGET_MS = 3_000;

/**
 * The metadata a host's metaserver serves, read from control over HTTP at each guest request (so a
 * rename or new user-data shows on the next read, as in the all-in-one). A read: any replica
 * serves it, and it may be repeated.
 */
export class HttpInstanceMetadata implements InstanceMetadataSource {
  private constructor(
    private readonly replicas: ServiceWatch<ControlEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpInstanceMetadata> {
    const replicas = await ServiceWatch.start<ControlEndpoint>(coordinator, SERVICE_GROUPS.control);
    const client = new InternalClient({ service: 'control', token, endpoints: { endpoints: () => leaderFirst(replicas.members()) }, timeoutMs: METADATA_TIMEOUT_MS, retryBudgetMs: RETRY_BUDGET_MS });
    return new HttpInstanceMetadata(replicas, client);
  }

  async metadataFor(instanceId: string): Promise<InstanceMetadata | undefined> {
    const request: InstanceRequest = { instanceId };
    const answer = await this.client.post<InstanceMetadataAnswer>(INSTANCE_METADATA_ROUTE, request, { idempotent: true });
    return answer.metadata ?? undefined;
  }

  close(): void {
    this.replicas.close();
  }
}
