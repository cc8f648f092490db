import { join } from 'node:path';

/** What the metaserver tells a guest about its own instance. */
export interface InstanceMetadata {
  readonly instanceId: string;
  readonly hostName: string;
  readonly imageId: string;
  readonly regionId: string;
  readonly zoneId: string;
  /** The primary NIC's MAC, lower case, colon-separated. */
  readonly mac: string;
  readonly privateIpv4: string;
  readonly instanceType: string;
  readonly ownerAccountId: string;
  readonly vpcId: string;
  readonly vSwitchId: string;
  /** Base64 as the tenant sent it; the guest receives the decoded bytes. Never logged. */
  readonly userData: string | undefined;
}

/** Implemented by control: the metadata of one instance, or undefined once it is gone. */
export interface InstanceMetadataSource {
  metadataFor(instanceId: string): Promise<InstanceMetadata | undefined>;
}

/** The link-local-style address guests reach the metaserver on (forwarded by the VM's network plumbing). */
export const METADATA_ADDRESS = '100.100.100.200';
export const METADATA_PORT = 80;

/** Token mode headers, as Alibaba Cloud names them. */
export const METADATA_TOKEN_HEADER = 'x-aliyun-ecs-metadata-token';
export const METADATA_TOKEN_TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds';

/**
 * Where the metaserver listens for one instance's guest. The path is the guest's identity: the
 * hypervisor forwards the guest's connections to exactly this socket and to no other.
 */
export function metadataSocketPath(socketDir: string, instanceId: string): string {
  return join(socketDir, `${instanceId}.sock`);
}

/** The management port's path of the key that verifies instance identity document signatures (PEM, SPKI). */
export const IDENTITY_PUBLIC_KEY_PATH = '/v1/identity/public-key';
