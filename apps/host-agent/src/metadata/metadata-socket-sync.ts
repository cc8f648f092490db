import type { HypervisorDriver } from '@ecs/hypervisor';
import type { Logger } from '@ecs/observability';
import type { HttpMetadataSockets } from './http-metadata-sockets';

/**
 * Keeps the host's metaserver serving exactly the host's defined domains, at start and then
 * periodically: guests that outlived an earlier agent get their sockets back, and so do all
 * guests after the metaserver itself restarted (its sockets went with it). The hooks around start
 * and undefine do the same work at once; this repairs what they could not (a metaserver that was down).
 */
export class MetadataSocketSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly driver: Pick<HypervisorDriver, 'listDomains'>,
    private readonly sockets: Pick<HttpMetadataSockets, 'reconcile'>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** One reconcile now (its failure is logged, not thrown: the metaserver may still be starting), then periodically. */
  async start(): Promise<void> {
    await this.once();
    this.timer = setInterval(() => void this.once(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private once(): Promise<void> {
    // A slow metaserver never gets a second reconcile stacked behind the first.
    this.running ??= this.sockets
      .reconcile(async () => (await this.driver.listDomains()).map((domain) => domain.instanceId))
      .catch((error: unknown) => this.log.warn('could not reconcile the metadata sockets; retrying later', { error }))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
