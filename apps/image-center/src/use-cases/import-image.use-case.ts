import type { ImportImageCommand, ImportImageResult } from '@ecs/contracts';
import { EcsError, newResourceId, randomSuffix } from '@ecs/domain';
import type { ImageCenterDeps } from '../image-center-deps';
import { parseImportUrl, resolveImportUrl } from '../sources/guarded-url';
import { ImportSourceError, MalformedImportUrlError, RefusedImportAddressError } from '../sources/import-source-errors';
import { openImportUrl } from '../sources/url-source';
import { displayableUrl, osNameFor } from './image-defaults';

/**
 * ImportImage from an http(s) URL. The URL is checked now (shape, and where its host resolves) so
 * an obviously refused source fails the call; the fetch itself runs in the background and checks
 * every hop again, pinned to the checked address.
 */
export class ImportImage {
  constructor(private readonly deps: ImageCenterDeps) {}

  async execute(command: ImportImageCommand): Promise<ImportImageResult> {
    const store = this.deps.stores.of(command.regionId);
    const url = await this.checkedUrl(command.url);
    if (command.dryRun) throw new EcsError('DryRunOperation');
    return this.deps.tokens.run(command.accountId, command.clientToken, 'ImportImage', command.requestHash, async () => {
      const imageId = newResourceId('m');
      const taskId = `t-${randomSuffix(20)}`;
      await this.deps.images.insert({
        imageId,
        regionId: command.regionId,
        imageName: command.imageName ?? imageId,
        description: command.description ?? '',
        osName: osNameFor(command.os),
        ...command.os,
        sizeGiB: 0,
        status: 'Creating',
        ownerAlias: 'self',
        ownerAccountId: command.accountId,
        sourceKind: 'url',
        sourceRef: displayableUrl(url),
      });
      this.deps.log.info('image import started', { imageId, taskId, accountId: command.accountId, source: displayableUrl(url) });
      this.deps.jobs.start(imageId, async (signal) => {
        const { maxImageBytes, idleTimeoutMs } = this.deps.limits;
        const response = await openImportUrl(url, { policy: this.deps.policy, maxBytes: maxImageBytes, signal, idleTimeoutMs });
        await this.deps.ingest.run(response, {
          imageId,
          regionId: command.regionId,
          store,
          maxBytes: maxImageBytes,
          signal,
          ...(command.declaredFormat !== undefined && { declaredFormat: command.declaredFormat }),
        });
      });
      return { imageId, taskId };
    });
  }

  private async checkedUrl(text: string): Promise<URL> {
    let url: URL;
    try {
      url = parseImportUrl(text);
    } catch (error) {
      if (error instanceof MalformedImportUrlError) throw new EcsError('InvalidParameter', `The specified import URL is not valid: ${error.message}.`);
      throw error;
    }
    try {
      await resolveImportUrl(url, this.deps.policy);
    } catch (error) {
      if (error instanceof RefusedImportAddressError) throw new EcsError('OperationDenied.ImportSource', `The image center does not fetch images from ${error.host}: it resolves to a loopback, private, link-local or otherwise reserved address.`);
      // A host that does not resolve now may resolve later: the background fetch reports what it finds.
      if (!(error instanceof ImportSourceError)) throw error;
    }
    return url;
  }
}
