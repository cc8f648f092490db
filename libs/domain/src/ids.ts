import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random lowercase base-36 string, like the suffix of an ECS resource id. */
export function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** ECS-shaped resource ids: `i-` for instances, `m-` for images, `ds-` for deployment sets … */
export function newResourceId(prefix: string): string {
  return `${prefix}-${randomSuffix(20)}`;
}

/** RequestIds are upper-case UUIDs, as ECS returns them. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
