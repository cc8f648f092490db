import { createReadStream } from 'node:fs';
import type { CreateImageCommand, ExportedDisk, ImageOsFields } from '@ecs/contracts';
import { EcsError, newResourceId } from '@ecs/domain';
import type { ImageCenterDeps } from '../image-center-deps';
import { ImageContentError } from '../jobs/image-content-error';
import { osNameFor } from './image-defaults';

/** When the source image is gone (deleted with Force), the instance's OS is not known any more. */
const UNKNOWN_OS: ImageOsFields = { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' };

/**
 * CreateImage from a Stopped instance (checked by the business layer): the new image takes the OS
 * fields of the image the instance came from; its content is the instance's system disk, exported
 * through the InstanceDiskExporter port in the background.
 */
export class CreateImage {
  constructor(private readonly deps: ImageCenterDeps) {}

  async execute(command: CreateImageCommand): Promise<{ imageId: string }> {
    const store = this.deps.stores.of(command.regionId);
    if (command.dryRun) throw new EcsError('DryRunOperation');
    return this.deps.tokens.run(command.accountId, command.clientToken, 'CreateImage', command.requestHash, async () => {
      const source = await this.deps.images.get(command.sourceImageId);
      const os: ImageOsFields = {
        osType: source?.osType ?? UNKNOWN_OS.osType,
        platform: command.platform ?? source?.platform ?? UNKNOWN_OS.platform,
        architecture: command.architecture ?? source?.architecture ?? UNKNOWN_OS.architecture,
      };
      const inherited = source !== undefined && command.platform === undefined && command.architecture === undefined;
      const imageId = newResourceId('m');
      await this.deps.images.insert({
        imageId,
        regionId: command.regionId,
        imageName: command.imageName ?? imageId,
        description: command.description ?? '',
        osName: inherited ? source.osName : osNameFor(os),
        ...os,
        sizeGiB: 0,
        status: 'Creating',
        ownerAlias: 'self',
        ownerAccountId: command.accountId,
        sourceKind: 'instance',
        sourceRef: command.instanceId,
      });
      this.deps.log.info('image creation from instance started', { imageId, instanceId: command.instanceId, accountId: command.accountId });
      this.deps.jobs.start(imageId, async (signal) => {
        const disk = await this.export(command.instanceId);
        try {
          const content = disk.kind === 'file' ? createReadStream(disk.path) : disk.stream;
          await this.deps.ingest.run(content, { imageId, regionId: command.regionId, store, maxBytes: this.deps.limits.maxImageBytes, signal });
        } finally {
          await disk.release?.();
        }
      });
      return { imageId };
    });
  }

  private async export(instanceId: string): Promise<ExportedDisk & { release?(): Promise<void> }> {
    try {
      return await this.deps.exporter.exportDisk(instanceId);
    } catch (error) {
      this.deps.log.warn('exporting an instance disk failed', { instanceId, error });
      throw new ImageContentError("the instance's system disk could not be exported");
    }
  }
}
