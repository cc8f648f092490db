import { EcsError } from '@ecs/domain';

/** An absent or empty parameter is MissingParameter, named as the tenant would write it. */
export function required(value: string | undefined, name: string): string {
  if (!value) throw EcsError.missing(name);
  return value;
}
