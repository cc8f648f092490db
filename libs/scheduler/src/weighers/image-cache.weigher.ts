import type { HostState, PlacementRequest } from '../host-state';
import type { HostWeigher } from './host-weigher';

/** Prefers hosts that already hold the image: the boot skips a pull from the image center. */
export class ImageCacheWeigher implements HostWeigher {
  readonly name = 'ImageCacheWeigher';

  rawScore(host: HostState, request: PlacementRequest): number {
    return host.cachedImageIds.has(request.imageId) ? 1 : 0;
  }
}
