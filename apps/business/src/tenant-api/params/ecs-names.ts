import { EcsError } from '@ecs/domain';
import { optionalString, type Params } from './scalars';

// Starts with a letter (any script: ECS accepts Chinese names), then letters, ASCII digits, `.`, `_`, `-`, `:`.
// Excluding `/` also rules out the forbidden `http://` / `https://` prefixes.
const INSTANCE_NAME = /^\p{L}[\p{L}0-9._:-]{1,127}$/u;
// Labels of letters and digits joined by single `.` or `-`: neither may lead, trail or repeat.
const LINUX_HOST_NAME = /^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$/;

export function isValidInstanceName(value: string): boolean {
  return INSTANCE_NAME.test(value);
}

/** Linux host name rule (2–64 characters). */
export function isValidHostName(value: string): boolean {
  return value.length >= 2 && value.length <= 64 && LINUX_HOST_NAME.test(value);
}

export function isValidDescription(value: string): boolean {
  const length = [...value].length;
  return length >= 2 && length <= 256 && !/^https?:\/\//.test(value);
}

export function optionalInstanceName(params: Params): string | undefined {
  const value = optionalString(params, 'InstanceName');
  if (value !== undefined && !isValidInstanceName(value)) throw new EcsError('InvalidInstanceName.Malformed');
  return value;
}

export function optionalHostName(params: Params): string | undefined {
  const value = optionalString(params, 'HostName');
  if (value !== undefined && !isValidHostName(value)) throw new EcsError('InvalidHostName.Malformed');
  return value;
}

export function optionalDescription(params: Params): string | undefined {
  const value = optionalString(params, 'Description');
  if (value !== undefined && !isValidDescription(value)) throw new EcsError('InvalidDescription.Malformed');
  return value;
}
