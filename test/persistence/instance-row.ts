import { InstanceEntity } from '@ecs/persistence';

export function instanceRow(instanceId: string): InstanceEntity {
  return Object.assign(new InstanceEntity(), {
    instanceId, accountId: 'a', regionId: 'r', zoneId: 'z-a', hostId: 'h-1', instanceType: 'ecs.g7.large', instanceTypeFamily: 'ecs.g7',
    vcpus: 2, memoryMiB: 8192, diskGiB: 40, imageId: 'img', osName: 'Alibaba Cloud Linux 3', osType: 'linux', instanceName: instanceId, hostName: instanceId, description: '',
    userData: null, status: 'Pending', power: 'off', powerGeneration: 0, version: 0, privateIp: '172.16.0.9',
    mac: `00:16:3e:${instanceId.slice(-6).padStart(6, '0').match(/../g)!.join(':')}`, vpcId: 'vpc-default', vSwitchId: 'vsw-default',
    securityGroupIds: [], deploymentSetId: null, stoppedMode: 'Not-applicable', latestOperation: null, latestOperationState: null,
    latestOperationError: null, latestOperationMessage: null, lastEventSeq: 0, createdAt: Date.now(), startedAt: null, deletedAt: null,
  });
}
