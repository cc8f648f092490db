import { INSTANCE_EXTENSION_FIELDS } from '../instances/ecs-instance-shape';

/** The static side of an `@alicloud/ecs20140526` model class: wire names and their types. */
export interface SdkModel {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

/**
 * Every place where `value` leaves the SDK's model: a key the model does not name (by its wire name),
 * or a value whose type differs from the model's. An empty list means an SDK client reads all of it.
 */
export function sdkModelViolations(value: unknown, model: SdkModel, path = '$'): string[] {
  if (!isRecord(value)) return [`${path}: expected an object`];
  const names = model.names();
  const types = model.types();
  const fieldByWireName = new Map(Object.entries(names).map(([field, wire]) => [wire, field]));
  const violations: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = fieldByWireName.get(key);
    if (field === undefined && INSTANCE_EXTENSION_FIELDS.has(key)) continue;
    if (field === undefined) violations.push(`${path}.${key}: not in the SDK model`);
    else violations.push(...typeViolations(item, types[field], `${path}.${key}`));
  }
  return violations;
}

function typeViolations(value: unknown, type: unknown, path: string): string[] {
  if (typeof type === 'string') return typeof value === type ? [] : [`${path}: expected ${type}, got ${typeof value}`];
  if (isModel(type)) return sdkModelViolations(value, type, path);
  if (isRecord(type) && type['type'] === 'array') {
    if (!Array.isArray(value)) return [`${path}: expected an array`];
    return value.flatMap((item, index) => typeViolations(item, type['itemType'], `${path}[${index}]`));
  }
  return [`${path}: unsupported model type`];
}

function isModel(type: unknown): type is SdkModel {
  return typeof type === 'function' && 'names' in type && 'types' in type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
