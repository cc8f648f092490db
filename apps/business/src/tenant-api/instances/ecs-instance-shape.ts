import type { InstanceView } from '@ecs/contracts';
import { ecsMinuteTime } from '../shape/ecs-time';

type EcsFields = Record<string, unknown>;

/**
 * Fields this platform adds to the ECS instance shape, named after CVM's: the latest asynchronous
 * operation and whether it is in progress, succeeded or failed. SDK clients ignore them; the
 * conformance test allows exactly these.
 */
export const INSTANCE_EXTENSION_FIELDS: ReadonlySet<string> = new Set(['LatestOperation', 'LatestOperationState', 'LatestOperationError']);

function latestOperation(view: InstanceView): EcsFields {
  const op = view.latestOperation;
  if (!op) return {};
  return { LatestOperation: op.name, LatestOperationState: op.state, ...(op.errorCode !== undefined && { LatestOperationError: op.errorCode }) };
}

/**
 * The fields DescribeInstances and DescribeInstanceAttribute share. Locks, public and classic-network
 * addresses do not exist on this platform, so their lists are truthfully empty.
 */
function commonFields(view: InstanceView): EcsFields {
  return {
    InstanceId: view.instanceId,
    InstanceName: view.instanceName,
    HostName: view.hostName,
    Description: view.description,
    RegionId: view.regionId,
    ZoneId: view.zoneId,
    InstanceType: view.instanceType,
    Cpu: view.vcpus,
    Memory: view.memoryMiB,
    ImageId: view.imageId,
    Status: view.status,
    CreationTime: ecsMinuteTime(view.creationTime),
    StoppedMode: view.stoppedMode,
    // Every instance here is pay-as-you-go: sale specs carry only an hourly price.
    InstanceChargeType: 'PostPaid',
    ...(view.vpcId !== '' && { InstanceNetworkType: 'vpc' }),
    VpcAttributes: {
      VpcId: view.vpcId,
      VSwitchId: view.vSwitchId,
      PrivateIpAddress: { IpAddress: addresses(view.privateIpAddress) },
    },
    SecurityGroupIds: { SecurityGroupId: [...view.securityGroupIds] },
    OperationLocks: { LockReason: [] },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    ...latestOperation(view),
  };
}

/** One `Instances.Instance[]` item of DescribeInstances. */
export function toEcsInstance(view: InstanceView): EcsFields {
  return {
    ...commonFields(view),
    InstanceTypeFamily: view.instanceTypeFamily,
    ...(view.startTime !== undefined && { StartTime: ecsMinuteTime(view.startTime) }),
    ...(view.deploymentSetId !== undefined && { DeploymentSetId: view.deploymentSetId }),
    ...(view.osName !== undefined && { OSName: view.osName }),
    ...(view.osType !== undefined && { OSType: view.osType }),
    Tags: { Tag: view.tags.map((tag) => ({ TagKey: tag.key, TagValue: tag.value })) },
    ...(view.macAddress !== '' && {
      NetworkInterfaces: {
        NetworkInterface: [
          {
            Type: 'Primary',
            MacAddress: view.macAddress,
            PrimaryIpAddress: view.privateIpAddress,
            PrivateIpSets: { PrivateIpSet: addresses(view.privateIpAddress).map((ip) => ({ PrivateIpAddress: ip, Primary: true })) },
          },
        ],
      },
    }),
  };
}

/** The top-level body of DescribeInstanceAttribute. */
export function toEcsInstanceAttribute(view: InstanceView): EcsFields {
  return commonFields(view);
}

function addresses(ip: string): string[] {
  return ip === '' ? [] : [ip];
}
