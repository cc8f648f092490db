import type { CatalogReader, ImageRecord, LaunchInstancesCommand } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { LaunchRequest } from './launch-request';
import { canonicalJson, sha256Hex } from './request-hash';

const DEFAULT_SYSTEM_DISK_GIB = 40;

/**
 * Checks a launch against the sales catalog (zone, instance type on sale, image visible to the caller,
 * system disk large enough for the image) and turns it into control's command. Capacity, quota and
 * placement are control's to check: it holds the ledgers and claims atomically.
 */
export async function buildLaunchCommand(
  catalog: CatalogReader,
  regionId: string,
  accountId: string,
  request: LaunchRequest,
): Promise<LaunchInstancesCommand> {
  const saleZoneIds = await checkZoneAndSale(catalog, regionId, request);
  const image = await visibleImage(catalog, regionId, accountId, request.imageId);
  const systemDiskSizeGiB = systemDiskSize(request, image);
  const { clientToken, dryRun, operation, ...launch } = request;
  const idempotent = {
    ...launch,
    operation,
    accountId,
    regionId,
    systemDiskSizeGiB,
    // Tag order carries no meaning, so it must not change the hash.
    tags: [...launch.tags].sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
  return {
    ...idempotent,
    tags: launch.tags,
    osName: image.osName,
    osType: image.osType,
    saleZoneIds,
    powerOn: operation === 'RunInstances',
    clientToken,
    requestHash: sha256Hex(canonicalJson(idempotent)),
    dryRun,
  };
}

/** @returns the zones where the type may be placed: the requested one, or every zone selling it. */
async function checkZoneAndSale(catalog: CatalogReader, regionId: string, request: LaunchRequest): Promise<string[]> {
  const [zones, type, specs] = await Promise.all([catalog.zones(regionId), catalog.instanceType(request.instanceType), catalog.saleSpecs(regionId)]);
  const { zoneId } = request;
  if (zoneId !== undefined && !zones.some((zone) => zone.zoneId === zoneId)) throw new EcsError('InvalidZoneId.NotFound');
  if (type === undefined) throw new EcsError('InvalidInstanceType.NotFound');
  const openSpecs = specs.filter((spec) => spec.onSale && (zoneId === undefined || spec.zoneId === zoneId));
  if (zoneId !== undefined && openSpecs.length === 0) throw new EcsError('Zone.NotOnSale');
  const selling = openSpecs.filter((spec) => spec.instanceTypeId === request.instanceType).map((spec) => spec.zoneId);
  if (!selling.length) throw new EcsError('InvalidInstanceType.NotSupported');
  return selling;
}

async function visibleImage(catalog: CatalogReader, regionId: string, accountId: string, imageId: string): Promise<ImageRecord> {
  const [image] = await catalog.images({ regionId, accountId, imageIds: [imageId], status: ['Available'] });
  if (image === undefined) throw new EcsError('InvalidImageId.NotFound');
  return image;
}

function systemDiskSize(request: LaunchRequest, image: ImageRecord): number {
  if (request.systemDiskSizeGiB === undefined) return Math.max(DEFAULT_SYSTEM_DISK_GIB, image.sizeGiB);
  if (request.systemDiskSizeGiB < image.sizeGiB) {
    throw EcsError.invalid('SystemDisk.Size', `must be at least the image size (${image.sizeGiB} GiB)`);
  }
  return request.systemDiskSizeGiB;
}
