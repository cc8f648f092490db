import type { DomainSpec } from '@ecs/contracts';
import { InvalidDomainSpecError } from '../errors/hypervisor-errors';

/** Field-by-field equality: a redefinition with an equal spec is a no-op. */
export function domainSpecsEqual(a: DomainSpec, b: DomainSpec): boolean {
  return (
    a.instanceId === b.instanceId &&
    a.vcpus === b.vcpus &&
    a.memoryMiB === b.memoryMiB &&
    a.diskGiB === b.diskGiB &&
    a.imageId === b.imageId &&
    a.hostName === b.hostName &&
    a.mac === b.mac &&
    a.privateIp === b.privateIp &&
    a.userData === b.userData
  );
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Rejects specs no hypervisor could build, before any resources are touched. */
export function assertValidDomainSpec(spec: DomainSpec): void {
  if (spec.instanceId.trim() === '') throw new InvalidDomainSpecError(spec.instanceId, 'instanceId is empty');
  for (const field of ['vcpus', 'memoryMiB', 'diskGiB'] as const) {
    if (!isPositiveInteger(spec[field])) {
      throw new InvalidDomainSpecError(spec.instanceId, `${field} must be a positive integer, got ${spec[field]}`);
    }
  }
}
