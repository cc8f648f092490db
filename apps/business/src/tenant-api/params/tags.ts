import type { InstanceTag } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { Params } from './scalars';

export const MAX_TAGS = 20;

const TAG_PARAM = /^Tag\.(\d{1,9})\.(Key|Value)$/;
const RESERVED_KEY_PREFIXES = ['aliyun', 'acs:'];
const URL_SCHEMES = ['http://', 'https://'];

/**
 * `assign` tags are written to a resource and obey ECS's key rules (no reserved prefixes);
 * `filter` tags only select, so system tags may be named.
 */
export type TagPurpose = 'assign' | 'filter';

/**
 * `Tag.N.Key` / `Tag.N.Value`, N from 1 to 20, in index order. A value without a key is an error;
 * a key without a value means the empty value.
 */
export function parseTags(params: Params, purpose: TagPurpose): InstanceTag[] {
  const byIndex = new Map<number, { key?: string; value?: string }>();
  for (const [name, raw] of Object.entries(params)) {
    const match = TAG_PARAM.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index < 1 || index > MAX_TAGS) throw EcsError.invalid(name, `Tag.N accepts N from 1 to ${MAX_TAGS}`);
    const entry = byIndex.get(index) ?? {};
    if (match[2] === 'Key') entry.key = raw;
    else entry.value = raw;
    byIndex.set(index, entry);
  }
  const tags: InstanceTag[] = [];
  const seen = new Set<string>();
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const { key, value = '' } = byIndex.get(index)!;
    if (key === undefined || key === '') throw EcsError.missing(`Tag.${index}.Key`);
    checkKey(`Tag.${index}.Key`, key, purpose);
    checkValue(`Tag.${index}.Value`, value);
    if (seen.has(key)) throw EcsError.invalid(`Tag.${index}.Key`, `duplicate tag key "${key}"`);
    seen.add(key);
    tags.push({ key, value });
  }
  return tags;
}

function checkKey(name: string, key: string, purpose: TagPurpose): void {
  if (key.length > 128) throw EcsError.invalid(name, 'must be at most 128 characters');
  if (URL_SCHEMES.some((scheme) => key.includes(scheme))) throw EcsError.invalid(name, 'must not contain http:// or https://');
  if (purpose === 'assign' && RESERVED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) {
    throw EcsError.invalid(name, 'must not start with aliyun or acs:');
  }
}

function checkValue(name: string, value: string): void {
  if (value.length > 128) throw EcsError.invalid(name, 'must be at most 128 characters');
  if (URL_SCHEMES.some((scheme) => value.includes(scheme))) throw EcsError.invalid(name, 'must not contain http:// or https://');
}
