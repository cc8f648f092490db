import {
  IMAGE_CENTER_ROUTES,
  SERVICE_GROUPS,
  type CopyImageCommand,
  type CreateImageCommand,
  type DeleteImageCommand,
  type ImageCenterEndpoint,
  type ImageService,
  type ImportImageCommand,
  type ImportImageResult,
  type ModifyImageAttributeCommand,
} from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { InternalClient, roundRobin, ServiceWatch } from '@ecs/transport';

/** Every image action registers its work and returns; imports, exports and copies run in the background. */
const IMAGE_CENTER_TIMEOUT_MS = 10_000;
/** Long enough for a restarting image center to come back, short enough for a tenant waiting on the answer. */
const RETRY_BUDGET_MS = 10_000;

/**
 * The tenant image actions against the region's image center over HTTP, found in ZooKeeper. ECS
 * errors arrive as themselves. After an unknown outcome only what is safe is repeated: writes
 * with a ClientToken (the image center deduplicates them) and attribute edits.
 */
export class HttpImageService implements ImageService {
  private constructor(
    private readonly centers: ServiceWatch<ImageCenterEndpoint>,
    private readonly client: InternalClient,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, token: string, regionId: string): Promise<HttpImageService> {
    const centers = await ServiceWatch.start<ImageCenterEndpoint>(coordinator, SERVICE_GROUPS.imageCenter);
    const serving = () => centers.members().filter((m) => m.data.regionIds.includes(regionId));
    const client = new InternalClient({ service: 'image center', token, endpoints: roundRobin(serving), timeoutMs: IMAGE_CENTER_TIMEOUT_MS, retryBudgetMs: RETRY_BUDGET_MS });
    return new HttpImageService(centers, client);
  }

  importImage(command: ImportImageCommand): Promise<ImportImageResult> {
    return this.client.post(IMAGE_CENTER_ROUTES.importImage, command, { idempotent: command.clientToken !== undefined });
  }

  createImage(command: CreateImageCommand): Promise<{ readonly imageId: string }> {
    return this.client.post(IMAGE_CENTER_ROUTES.createImage, command, { idempotent: command.clientToken !== undefined });
  }

  copyImage(command: CopyImageCommand): Promise<{ readonly imageId: string }> {
    return this.client.post(IMAGE_CENTER_ROUTES.copyImage, command, { idempotent: command.clientToken !== undefined });
  }

  deleteImage(command: DeleteImageCommand): Promise<void> {
    return this.client.post(IMAGE_CENTER_ROUTES.deleteImage, command, { idempotent: false });
  }

  modifyImageAttribute(command: ModifyImageAttributeCommand): Promise<void> {
    return this.client.post(IMAGE_CENTER_ROUTES.modifyImageAttribute, command, { idempotent: true });
  }

  close(): void {
    this.centers.close();
  }
}
