import { SERVICE_GROUPS, type ImageCenterEndpoint } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import { ServiceWatch, type EndpointSource } from '@ecs/transport';

/** The blob endpoint of the region's image center, as it announces itself in ZooKeeper. */
export class ImageCenterBlobs implements EndpointSource {
  private constructor(
    private readonly centers: ServiceWatch<ImageCenterEndpoint>,
    private readonly regionId: string,
  ) {}

  static async start(coordinator: Pick<Coordinator, 'watch'>, regionId: string): Promise<ImageCenterBlobs> {
    return new ImageCenterBlobs(await ServiceWatch.start<ImageCenterEndpoint>(coordinator, SERVICE_GROUPS.imageCenter), regionId);
  }

  endpoints(): readonly string[] {
    return this.centers
      .members()
      .filter((m) => m.data.regionIds.includes(this.regionId))
      .map((m) => m.data.blobUrl);
  }

  close(): void {
    this.centers.close();
  }
}
