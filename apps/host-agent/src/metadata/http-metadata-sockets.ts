import { METASERVER_ROUTES, SERVICE_GROUPS, type InstanceRequest, type MetadataReconcileRequest, type MetadataSocketAnswer, type MetaServerEndpoint } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, ServiceWatch } from '@ecs/transport';
import type { GuestMetadataSockets } from '../machine/host-machine';

/** On loopback or the host's own network: a metaserver that takes longer is not serving. */
const METASERVER_TIMEOUT_MS = 5_000;
/** Rides out a metaserver restart; a failed attach fails the start, which the agent retries anyway. */
const RETRY_BUDGET_MS = 5_000;

/**
 * The agent's side of its host's metaserver, a process of its own (docs/decisions/0098): it asks
 * for each guest's socket before the guest boots and gives it back after undefine, and the
 * metaserver says where the socket is (the path is the guest's identity, so the metaserver alone
 * chooses it). Attach, detach and reconcile run one at a time, so a reconcile's list of domains is
 * never older than an attach that overtook it.
 */
export class HttpMetadataSockets implements GuestMetadataSockets {
  private readonly paths = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly metaservers: ServiceWatch<MetaServerEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string, hostId: string): Promise<HttpMetadataSockets> {
    const metaservers = await ServiceWatch.start<MetaServerEndpoint>(coordinator, SERVICE_GROUPS.metaserver);
    const client = new InternalClient({
      service: `metaserver of ${hostId}`,
      token,
      // Registered under the host id: only this host's metaserver serves its guests' sockets.
      endpoints: { endpoints: () => metaservers.members().filter((m) => m.id === hostId).map((m) => m.data.url) },
      timeoutMs: METASERVER_TIMEOUT_MS,
      retryBudgetMs: RETRY_BUDGET_MS,
    });
    return new HttpMetadataSockets(metaservers, client);
  }

  socketPath(instanceId: string): string {
    const path = this.paths.get(instanceId);
    if (path === undefined) throw new Error(`no metadata socket is attached for ${instanceId}`);
    return path;
  }

  attach(instanceId: string): Promise<void> {
    return this.serially(async () => {
      const request: InstanceRequest = { instanceId };
      const { socketPath } = await this.client.post<MetadataSocketAnswer>(METASERVER_ROUTES.attach, request, { idempotent: true });
      this.paths.set(instanceId, socketPath);
    });
  }

  detach(instanceId: string): Promise<void> {
    return this.serially(async () => {
      const request: InstanceRequest = { instanceId };
      await this.client.post<void>(METASERVER_ROUTES.detach, request, { idempotent: true });
      this.paths.delete(instanceId);
    });
  }

  /** Level-triggered: the metaserver ends up serving exactly the domains `defined` lists (read under the queue). */
  reconcile(defined: () => Promise<readonly string[]>): Promise<void> {
    return this.serially(async () => {
      const request: MetadataReconcileRequest = { instanceIds: [...(await defined())] };
      await this.client.post<void>(METASERVER_ROUTES.reconcile, request, { idempotent: true });
    });
  }

  close(): void {
    this.metaservers.close();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
