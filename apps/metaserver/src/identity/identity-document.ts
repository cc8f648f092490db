import type { InstanceMetadata } from '@ecs/contracts';

/**
 * The instance identity document: who the instance is, as JSON with a fixed key order so that the
 * document and its separately fetched signature always belong together.
 */
export function identityDocument(metadata: InstanceMetadata): string {
  return JSON.stringify({
    'owner-account-id': metadata.ownerAccountId,
    'instance-id': metadata.instanceId,
    'instance-type': metadata.instanceType,
    'image-id': metadata.imageId,
    'region-id': metadata.regionId,
    'zone-id': metadata.zoneId,
    mac: metadata.mac,
    'private-ipv4': metadata.privateIpv4,
  });
}
