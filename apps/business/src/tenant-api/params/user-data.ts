import { EcsError } from '@ecs/domain';
import { optionalString, type Params } from './scalars';

/** ECS caps UserData at 32 KiB measured on the Base64 text the tenant sends. */
export const MAX_USER_DATA_LENGTH = 32 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(value);
}

/** Returned as sent (Base64): the guest receives exactly these bytes through the metaserver. */
export function optionalUserData(params: Params): string | undefined {
  const value = optionalString(params, 'UserData');
  if (value === undefined) return undefined;
  if (value.length > MAX_USER_DATA_LENGTH) throw new EcsError('InvalidUserData.SizeExceeded');
  if (!isBase64(value)) throw new EcsError('InvalidUserData.Base64FormatInvalid');
  return value;
}
