import {
  OPS_SHELL_ROUTES,
  OpsCredentialRejectedError,
  OpsSessionClosedError,
  SERVICE_GROUPS,
  type HostRegistration,
  type OpsCloseRequest,
  type OpsCommandResult,
  type OpsOpenAnswer,
  type OpsOpenRequest,
  type OpsRole,
  type OpsRunAnswer,
  type OpsRunRequest,
  type OpsSessionCredential,
  type OpsShellDirectory,
  type OpsShellHost,
  type OpsShellSession,
} from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { fixedEndpoint, InternalClient, ServiceWatch } from '@ecs/transport';

/** A host that takes longer than this to answer one line is treated as unreachable (the session ends, 4003). */
const CALL_TIMEOUT_MS = 10_000;
/** Only refusals before anything reached the agent are retried (no line is ever run twice). */
const RETRY_BUDGET_MS = 2_000;

/**
 * The host agents' ops shells over their internal HTTP API (OPS_SHELL_ROUTES), each found at the
 * address its agent registered in ZooKeeper's `hosts` group — the way control finds the agents. A
 * host with no live registration has no shell (the bastion reports it offline). The contract's
 * refusals come back in the answers and are thrown as the same errors as in one process.
 */
export class HttpOpsShells implements OpsShellDirectory {
  private readonly hosts = new Map<string, { readonly address: string; readonly host: OpsShellHost }>();

  private constructor(
    private readonly registrations: ServiceWatch<HostRegistration>,
    private readonly token: string,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string): Promise<HttpOpsShells> {
    return new HttpOpsShells(await ServiceWatch.start<HostRegistration>(coordinator, SERVICE_GROUPS.hosts), token);
  }

  shellFor(hostId: string): OpsShellHost | undefined {
    const registration = this.registrations.members().find((m) => m.id === hostId)?.data;
    if (!registration) return undefined;
    const known = this.hosts.get(hostId);
    if (known?.address === registration.address) return known.host;
    const http = new InternalClient({ service: `ops shell of ${hostId}`, token: this.token, endpoints: fixedEndpoint(registration.address), timeoutMs: CALL_TIMEOUT_MS, retryBudgetMs: RETRY_BUDGET_MS });
    const host: OpsShellHost = { openSession: (credential) => openOver(http, credential) };
    this.hosts.set(hostId, { address: registration.address, host });
    return host;
  }

  close(): void {
    this.registrations.close();
  }
}

async function openOver(http: InternalClient, credential: OpsSessionCredential): Promise<OpsShellSession> {
  // Not idempotent: a credential opens one session only, so a resend would be refused as replayed.
  const answer = await http.post<OpsOpenAnswer>(OPS_SHELL_ROUTES.open, { credential } satisfies OpsOpenRequest, { idempotent: false });
  if (!answer.opened) throw new OpsCredentialRejectedError(answer.why);
  return new RemoteOpsSession(http, answer.handle, answer.sessionId, answer.role);
}

/**
 * One session on a remote host. Lines go one at a time, in order, as the contract asks; after
 * close, or once the agent says the session is gone (expired, agent restarted), runs fail.
 */
class RemoteOpsSession implements OpsShellSession {
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly http: InternalClient,
    private readonly handle: string,
    readonly sessionId: string,
    readonly role: OpsRole,
  ) {}

  run(line: string): Promise<OpsCommandResult> {
    if (this.closed) return Promise.reject(new OpsSessionClosedError(this.sessionId));
    const result = this.queue.then(() => this.send(line));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Closing is idempotent on the agent; an unreachable agent drops the session on its idle sweep.
    await this.http.post<void>(OPS_SHELL_ROUTES.close, { handle: this.handle } satisfies OpsCloseRequest, { idempotent: true }).catch(() => undefined);
  }

  private async send(line: string): Promise<OpsCommandResult> {
    if (this.closed) throw new OpsSessionClosedError(this.sessionId);
    const answer = await this.http.post<OpsRunAnswer>(OPS_SHELL_ROUTES.run, { handle: this.handle, line } satisfies OpsRunRequest, { idempotent: false });
    if (answer.closed) {
      this.closed = true;
      throw new OpsSessionClosedError(this.sessionId);
    }
    return answer.result;
  }
}
