import type { InstanceTag, InstanceView } from '@ecs/contracts';
import type { InstanceEntity } from '@ecs/persistence';

export function toInstanceView(row: InstanceEntity, tags: readonly InstanceTag[]): InstanceView {
  return {
    instanceId: row.instanceId,
    accountId: row.accountId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    instanceName: row.instanceName,
    hostName: row.hostName,
    description: row.description,
    instanceType: row.instanceType,
    instanceTypeFamily: row.instanceTypeFamily,
    vcpus: row.vcpus,
    memoryMiB: row.memoryMiB,
    imageId: row.imageId,
    osName: row.osName ?? undefined,
    osType: row.osType ?? undefined,
    status: row.status,
    privateIpAddress: row.privateIp,
    macAddress: row.mac,
    vpcId: row.vpcId,
    vSwitchId: row.vSwitchId,
    securityGroupIds: row.securityGroupIds,
    hostId: row.hostId ?? undefined,
    creationTime: new Date(row.createdAt).toISOString(),
    startTime: row.startedAt ? new Date(row.startedAt).toISOString() : undefined,
    stoppedMode: row.status === 'Stopped' ? row.stoppedMode : 'Not-applicable',
    deploymentSetId: row.deploymentSetId ?? undefined,
    tags,
    latestOperation: row.latestOperation && row.latestOperationState
      ? {
          name: row.latestOperation,
          state: row.latestOperationState,
          ...(row.latestOperationError ? { errorCode: row.latestOperationError } : {}),
          ...(row.latestOperationMessage ? { errorMessage: row.latestOperationMessage } : {}),
        }
      : undefined,
    hasUserData: row.userData !== null,
  };
}
