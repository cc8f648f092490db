import type { InstanceMetadata, InstanceMetadataSource } from '@ecs/contracts';
import type { InstanceRepository } from '@ecs/persistence';

/**
 * What the metaserver tells a guest, read from the instance's row at each request, so a rename or a
 * new user-data shows on the guest's next read. A deleted instance has no metadata any more.
 */
export class InstanceMetadataReader implements InstanceMetadataSource {
  constructor(private readonly instances: Pick<InstanceRepository, 'get'>) {}

  async metadataFor(instanceId: string): Promise<InstanceMetadata | undefined> {
    const row = await this.instances.get(instanceId);
    if (row === undefined || row.status === 'Deleted') return undefined;
    return {
      instanceId: row.instanceId,
      hostName: row.hostName,
      imageId: row.imageId,
      regionId: row.regionId,
      zoneId: row.zoneId,
      mac: row.mac.toLowerCase(),
      privateIpv4: row.privateIp,
      instanceType: row.instanceType,
      ownerAccountId: row.accountId,
      vpcId: row.vpcId,
      vSwitchId: row.vSwitchId,
      // Stored as the tenant sent it (Base64); the metaserver decodes it for the guest.
      userData: row.userData ?? undefined,
    };
  }
}
