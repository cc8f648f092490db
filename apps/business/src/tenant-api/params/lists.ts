import { EcsError } from '@ecs/domain';
import { optionalString, type Params } from './scalars';

const INDEX = /^\d{1,9}$/;

/**
 * A repeated parameter `Name.1`, `Name.2` … in index order. ECS numbers N from 1 and caps it per
 * parameter, so the cap on N is also the cap on the list's length.
 */
export function repeatedList(params: Params, name: string, maxCount: number): string[] {
  const prefix = `${name}.`;
  const entries: Array<{ index: number; value: string }> = [];
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    if (!INDEX.test(suffix)) continue;
    const index = Number(suffix);
    if (index < 1 || index > maxCount) throw EcsError.invalid(key, `${name}.N accepts N from 1 to ${maxCount}`);
    if (value === '') throw EcsError.invalid(key, 'must not be empty');
    entries.push({ index, value });
  }
  return entries.sort((a, b) => a.index - b.index).map((entry) => entry.value);
}

/** A parameter carrying a JSON array of strings, e.g. DescribeInstances `InstanceIds=["i-1","i-2"]`. */
export function jsonStringArray(params: Params, name: string, maxCount: number): string[] | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw EcsError.invalid(name, 'must be a JSON array of strings');
  }
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string' && item !== '')) {
    throw EcsError.invalid(name, 'must be a JSON array of strings');
  }
  if (parsed.length > maxCount) throw EcsError.invalid(name, `accepts at most ${maxCount} values`);
  return parsed;
}

/** A comma-separated parameter, e.g. DescribeImages `ImageId=m-1,m-2`. */
export function commaSeparatedList(params: Params, name: string, maxCount: number): string[] | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length > maxCount) throw EcsError.invalid(name, `accepts at most ${maxCount} values`);
  return values;
}
