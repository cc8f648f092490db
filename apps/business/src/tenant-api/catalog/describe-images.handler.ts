import type { ApiCall, ApiResult, ImageOwnerAlias, ImageRecord, ImageStatus } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { commaSeparatedList } from '../params/lists';
import { pageOf, pageRequest, type PageRequest } from '../params/pagination';
import { isOneOf, optionalBoolean, optionalEnum, optionalString } from '../params/scalars';
import { ecsSecondTime } from '../shape/ecs-time';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

/** Every owner alias ECS accepts; this platform holds only system and self images. */
const OWNER_ALIASES = ['system', 'self', 'others', 'marketplace'] as const;
type RequestedOwnerAlias = (typeof OWNER_ALIASES)[number];
const HELD_OWNER_ALIASES: readonly ImageOwnerAlias[] = ['system', 'self'];

/** Every status ECS accepts as a filter; Waiting and Deprecated never occur here. */
const STATUS_FILTERS = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'] as const;
const HELD_STATUSES: readonly ImageStatus[] = ['Creating', 'Available', 'UnAvailable', 'CreateFailed'];

const OS_TYPES = ['linux', 'windows'] as const;
const ARCHITECTURES = ['x86_64', 'arm64', 'i386'] as const;

interface DescribeImagesCommand {
  readonly imageIds: readonly string[] | undefined;
  readonly imageName: string | undefined;
  readonly ownerAlias: RequestedOwnerAlias | undefined;
  readonly statuses: readonly string[];
  readonly osType: (typeof OS_TYPES)[number] | undefined;
  readonly architecture: (typeof ARCHITECTURES)[number] | undefined;
  readonly isPublic: boolean | undefined;
  readonly ownerId: string | undefined;
  readonly page: PageRequest;
}

export class DescribeImagesHandler implements TenantActionHandler {
  readonly action = 'DescribeImages';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command = parseCommand(call);
    const images = (await this.find(command, call.caller.accountId)).filter((image) => matchesFilters(image, command));
    const sorted = [...images].sort(newestFirst);
    return {
      RegionId: this.deps.regionId,
      TotalCount: sorted.length,
      PageNumber: command.page.pageNumber,
      PageSize: command.page.pageSize,
      Images: { Image: pageOf(sorted, command.page).map(toEcsImage) },
    };
  }

  private async find(command: DescribeImagesCommand, accountId: string): Promise<ImageRecord[]> {
    const statuses = HELD_STATUSES.filter((status) => command.statuses.includes(status));
    const ownerAlias = command.ownerAlias;
    const wantsHeldOwner = ownerAlias === undefined || isOneOf(HELD_OWNER_ALIASES, ownerAlias);
    if (statuses.length === 0 || !wantsHeldOwner) return [];
    return this.deps.catalog.images({
      regionId: this.deps.regionId,
      accountId,
      status: statuses,
      ...(command.imageIds !== undefined && { imageIds: command.imageIds }),
      ...(command.imageName !== undefined && { imageName: command.imageName }),
      ...(ownerAlias !== undefined && { ownerAlias }),
    });
  }
}

function parseCommand(call: ApiCall): DescribeImagesCommand {
  const statuses = commaSeparatedList(call.params, 'Status', STATUS_FILTERS.length) ?? ['Available'];
  for (const status of statuses) {
    if (!isOneOf(STATUS_FILTERS, status)) throw EcsError.invalid('Status', `must be among ${STATUS_FILTERS.join(', ')}`);
  }
  return {
    imageIds: commaSeparatedList(call.params, 'ImageId', 100),
    imageName: optionalString(call.params, 'ImageName'),
    ownerAlias: optionalEnum(call.params, 'ImageOwnerAlias', OWNER_ALIASES),
    statuses,
    osType: optionalEnum(call.params, 'OSType', OS_TYPES),
    architecture: optionalEnum(call.params, 'Architecture', ARCHITECTURES),
    isPublic: optionalBoolean(call.params, 'IsPublic'),
    ownerId: optionalString(call.params, 'ImageOwnerId'),
    page: pageRequest(call.params, { defaultSize: 10, maxSize: 100 }),
  };
}

/** The filters the catalog query leaves to the handler: OSType, Architecture, IsPublic, ImageOwnerId. */
function matchesFilters(image: ImageRecord, command: DescribeImagesCommand): boolean {
  return (
    (command.osType === undefined || image.osType === command.osType) &&
    (command.architecture === undefined || image.architecture === command.architecture) &&
    (command.isPublic === undefined || (image.ownerAlias === 'system') === command.isPublic) &&
    (command.ownerId === undefined || image.ownerAccountId === command.ownerId)
  );
}

function newestFirst(a: ImageRecord, b: ImageRecord): number {
  const byTime = Date.parse(b.creationTime) - Date.parse(a.creationTime);
  if (byTime !== 0) return byTime;
  if (a.imageId === b.imageId) return 0;
  return a.imageId < b.imageId ? -1 : 1;
}

function toEcsImage(image: ImageRecord): Record<string, unknown> {
  return {
    ImageId: image.imageId,
    ImageName: image.imageName,
    Description: image.description,
    OSName: image.osName,
    OSType: image.osType,
    Platform: image.platform,
    Architecture: image.architecture,
    Size: image.sizeGiB,
    Status: image.status,
    ImageOwnerAlias: image.ownerAlias,
    // System images are shared with every account; a tenant's own images with nobody else.
    IsPublic: image.ownerAlias === 'system',
    CreationTime: ecsSecondTime(image.creationTime),
  };
}
