import type { CatalogReader } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';

/** A type may be given to an instance in a zone only while the sales catalog has it on sale there. */
export async function assertOnSaleInZone(catalog: CatalogReader, regionId: string, zoneId: string, instanceTypeId: string): Promise<void> {
  const [type, specs] = await Promise.all([catalog.instanceType(instanceTypeId), catalog.saleSpecs(regionId)]);
  if (type === undefined) throw new EcsError('InvalidInstanceType.NotFound');
  if (!specs.some((spec) => spec.onSale && spec.zoneId === zoneId && spec.instanceTypeId === instanceTypeId)) {
    throw new EcsError('InvalidInstanceType.NotSupported', `The instance type ${instanceTypeId} is not on sale in ${zoneId}.`, 'DescribeAvailableResource lists what is on sale in each zone.');
  }
}
