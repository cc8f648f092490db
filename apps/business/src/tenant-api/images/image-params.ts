import type { DiskImageFormat, ImageArchitecture, ImageOsFields, ImageOsType } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { isValidDescription, isValidInstanceName } from '../params/ecs-names';
import { optionalString, type Params } from '../params/scalars';

/** ECS image names follow the instance name rule, and may not take the platform's own prefixes. */
export function isValidImageName(value: string): boolean {
  const lower = value.toLowerCase();
  return isValidInstanceName(value) && !lower.startsWith('aliyun') && !lower.startsWith('acs:');
}

export function optionalImageName(params: Params, name = 'ImageName'): string | undefined {
  const value = optionalString(params, name);
  if (value !== undefined && !isValidImageName(value)) {
    throw new EcsError('InvalidImageName.Malformed', `The specified ${name} is not valid: 2–128 characters, starting with a letter, not with "aliyun" or "acs:"; letters, digits, ".", "_", "-" and ":".`);
  }
  return value;
}

/** A description under another parameter name (CopyImage's DestinationDescription). */
export function optionalDescriptionNamed(params: Params, name: string): string | undefined {
  const value = optionalString(params, name);
  if (value !== undefined && !isValidDescription(value)) throw new EcsError('InvalidDescription.Malformed', `The specified ${name} is not valid: 2–256 characters, not starting with http:// or https://.`);
  return value;
}

const OS_TYPES: readonly ImageOsType[] = ['linux', 'windows'];
const ARCHITECTURES: readonly ImageArchitecture[] = ['x86_64', 'arm64'];
const PLATFORM = /^[A-Za-z][A-Za-z0-9 ._-]{0,31}$/;

export function optionalArchitecture(params: Params): ImageArchitecture | undefined {
  const value = optionalString(params, 'Architecture');
  if (value === undefined) return undefined;
  const found = ARCHITECTURES.find((candidate) => candidate === value.toLowerCase());
  if (found === undefined) throw EcsError.invalid('Architecture', `must be one of ${ARCHITECTURES.join(', ')}`);
  return found;
}

export function optionalPlatform(params: Params): string | undefined {
  const value = optionalString(params, 'Platform');
  if (value !== undefined && !PLATFORM.test(value)) throw EcsError.invalid('Platform', 'a distribution name such as Ubuntu, CentOS or "Others Linux" (up to 32 characters)');
  return value;
}

/** ImportImage's OSType / Platform / Architecture, with ECS's defaults (linux, Others Linux, x86_64). */
export function importedOs(params: Params): ImageOsFields {
  const osType = optionalString(params, 'OSType');
  const foundType = osType === undefined ? 'linux' : OS_TYPES.find((candidate) => candidate === osType.toLowerCase());
  if (foundType === undefined) throw EcsError.invalid('OSType', `must be one of ${OS_TYPES.join(', ')}`);
  return { osType: foundType, platform: optionalPlatform(params) ?? (foundType === 'windows' ? 'Windows Server 2022' : 'Others Linux'), architecture: optionalArchitecture(params) ?? 'x86_64' };
}

/** ImportImage's DiskDeviceMapping.1.Format: RAW or QCOW2 (ECS's VHD is not accepted here). */
export function optionalDiskFormat(params: Params, name: string): DiskImageFormat | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  switch (value.toUpperCase()) {
    case 'RAW':
      return 'raw';
    case 'QCOW2':
      return 'qcow2';
    default:
      throw EcsError.invalid(name, 'must be RAW or QCOW2');
  }
}

/** Refuses ECS parameters this platform does not implement, rather than silently ignoring them. */
export function refuseUnsupported(params: Params, names: readonly string[]): void {
  for (const name of names) {
    if (optionalString(params, name) !== undefined) throw EcsError.invalid(name, 'is not supported on this platform');
  }
}
