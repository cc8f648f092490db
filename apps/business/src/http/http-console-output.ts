import { INSTANCE_CONSOLE_ROUTE, SERVICE_GROUPS, type ConsoleOutput, type ConsoleOutputAnswer, type ConsoleOutputReader, type ControlEndpoint, type InstanceRequest } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, leaderFirst, ServiceWatch } from '@ecs/transport';

const CONSOLE_TIMEOUT_MS = 10_000;
const RETRY_BUDGET_MS = 10_000;

/**
 * GetInstanceConsoleOutput's source in a cluster: control finds the instance's host and reads the
 * console from its agent. A read, so any replica serves it and it may be repeated.
 */
export class HttpConsoleOutput implements ConsoleOutputReader {
  private constructor(
    private readonly replicas: ServiceWatch<ControlEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpConsoleOutput> {
    const replicas = await ServiceWatch.start<ControlEndpoint>(coordinator, SERVICE_GROUPS.control);
    const client = new InternalClient({ service: 'control', token, endpoints: { endpoints: () => leaderFirst(replicas.members()) }, timeoutMs: CONSOLE_TIMEOUT_MS, retryBudgetMs: RETRY_BUDGET_MS });
    return new HttpConsoleOutput(replicas, client);
  }

  async consoleOutput(instanceId: string): Promise<ConsoleOutput | undefined> {
    const request: InstanceRequest = { instanceId };
    const answer = await this.client.post<ConsoleOutputAnswer>(INSTANCE_CONSOLE_ROUTE, request, { idempotent: true });
    return answer.console ?? undefined;
  }

  close(): void {
    this.replicas.close();
  }
}
