import { DESIRED_STATE_ROUTE, SERVICE_GROUPS, type ControlEndpoint, type DesiredDomain, type DesiredStateSource } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, leaderFirst, ServiceWatch } from '@ecs/transport';

/** Short: a failed resync is retried by the reconcile loop's backoff anyway. */
const RESYNC_TIMEOUT_MS = 5_000;
const RESYNC_RETRY_BUDGET_MS = 3_000;

/**
 * Pulls the host's desired state from the control leader over HTTP. The leader is the member of the
 * control group announcing leadership with the highest epoch; followers answer NotLeader, so the
 * client moves on to the next replica.
 */
export class HttpDesiredState implements DesiredStateSource {
  private constructor(
    private readonly replicas: ServiceWatch<ControlEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpDesiredState> {
    const replicas = await ServiceWatch.start<ControlEndpoint>(coordinator, SERVICE_GROUPS.control);
    const client = new InternalClient({
      service: 'control',
      token,
      endpoints: { endpoints: () => leaderFirst(replicas.members()) },
      timeoutMs: RESYNC_TIMEOUT_MS,
      retryBudgetMs: RESYNC_RETRY_BUDGET_MS,
    });
    return new HttpDesiredState(replicas, client);
  }

  desiredDomains(hostId: string): Promise<{ epoch: number; domains: DesiredDomain[] }> {
    return this.client.post(DESIRED_STATE_ROUTE, { hostId }, { idempotent: true });
  }

  close(): void {
    this.replicas.close();
  }
}
