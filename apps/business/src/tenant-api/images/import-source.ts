import { EcsError } from '@ecs/domain';
import { optionalString, type Params } from '../params/scalars';

const MAX_URL_LENGTH = 2048;

/**
 * Where ImportImage reads the system disk from. There is no OSS here: the image is fetched from an
 * http(s) URL, given as `DiskDeviceMapping.1.ImportUrl`, or — for the official SDKs, which only
 * know OSSBucket/OSSObject — as a full URL in `DiskDeviceMapping.1.OSSObject` without an OSSBucket.
 * Only the system disk (mapping 1) is imported. See docs/decisions/0070-image-import-sources.md.
 */
export function importUrl(params: Params): string {
  for (const name of Object.keys(params)) {
    const index = /^DiskDeviceMapping\.(\d+)\./.exec(name)?.[1];
    if (index !== undefined && index !== '1') throw EcsError.invalid(name, 'only the system disk (DiskDeviceMapping.1) can be imported');
  }
  if (optionalString(params, 'DiskDeviceMapping.1.OSSBucket') !== undefined) {
    throw EcsError.invalid('DiskDeviceMapping.1.OSSBucket', 'OSS is not available here; give an http(s) URL in DiskDeviceMapping.1.ImportUrl or DiskDeviceMapping.1.OSSObject');
  }
  const explicit = optionalString(params, 'DiskDeviceMapping.1.ImportUrl');
  const viaObject = optionalString(params, 'DiskDeviceMapping.1.OSSObject');
  if (explicit !== undefined && viaObject !== undefined) throw EcsError.invalid('DiskDeviceMapping.1.OSSObject', 'give the URL once, in ImportUrl or OSSObject');
  const name = explicit !== undefined ? 'DiskDeviceMapping.1.ImportUrl' : 'DiskDeviceMapping.1.OSSObject';
  const url = explicit ?? viaObject;
  if (url === undefined) throw EcsError.missing('DiskDeviceMapping.1.ImportUrl');
  if (url.length > MAX_URL_LENGTH || !/^https?:\/\/[^\s]+$/i.test(url)) throw EcsError.invalid(name, `an http:// or https:// URL of at most ${MAX_URL_LENGTH} characters`);
  return url;
}
