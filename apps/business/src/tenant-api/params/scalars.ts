import { EcsError } from '@ecs/domain';

/** RPC parameters as the gateway hands them over: flat, `Tag.1.Key` style, all strings. */
export type Params = Readonly<Record<string, string>>;

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

export const INT32_MAX = 2_147_483_647;

// Bounded length keeps every accepted value a safe integer before the range check.
const INTEGER = /^-?\d{1,15}$/;

/** ECS treats an empty value the same as an absent one. */
export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw EcsError.missing(name);
  return value;
}

export function optionalInteger(params: Params, name: string, range: IntegerRange): number | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  if (!INTEGER.test(raw)) throw EcsError.invalid(name, 'must be an integer');
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw EcsError.invalid(name, `must be between ${range.min} and ${range.max}`);
  }
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const raw = optionalString(params, name);
  switch (raw) {
    case undefined:
      return undefined;
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw EcsError.invalid(name, 'must be true or false');
  }
}

export function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

export function optionalEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  if (!isOneOf(allowed, raw)) throw EcsError.invalid(name, `must be one of ${allowed.join(', ')}`);
  return raw;
}

export function requiredEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T {
  const value = optionalEnum(params, name, allowed);
  if (value === undefined) throw EcsError.missing(name);
  return value;
}
