import type { ConsoleOutput } from '@ecs/contracts';
import { InstanceEntity } from '@ecs/persistence';
import { InstanceConsoleReader } from './instance-console-reader';
import { InstanceMetadataReader } from './instance-metadata-reader';

function row(overrides: Partial<InstanceEntity>): InstanceEntity {
  return Object.assign(new InstanceEntity(), {
    instanceId: 'i-meta',
    accountId: '1234567890',
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    hostId: 'h-1',
    instanceType: 'ecs.c7.large',
    imageId: 'tinylinux_6_1_x64_busybox',
    hostName: 'web-1',
    userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
    status: 'Running',
    privateIp: '172.16.0.9',
    mac: '00:16:3E:0A:0B:0C',
    vpcId: 'vpc-default',
    vSwitchId: 'vsw-default',
    ...overrides,
  });
}

const rows = (...entities: InstanceEntity[]) => ({ get: async (id: string) => entities.find((e) => e.instanceId === id) });

describe('InstanceMetadataReader', () => {
  it("gives the guest its own row's facts, user-data still Base64 for the metaserver to decode", async () => {
    const reader = new InstanceMetadataReader(rows(row({})));
    expect(await reader.metadataFor('i-meta')).toEqual({
      instanceId: 'i-meta',
      hostName: 'web-1',
      imageId: 'tinylinux_6_1_x64_busybox',
      regionId: 'cn-hangzhou',
      zoneId: 'cn-hangzhou-h',
      mac: '00:16:3e:0a:0b:0c',
      privateIpv4: '172.16.0.9',
      instanceType: 'ecs.c7.large',
      ownerAccountId: '1234567890',
      vpcId: 'vpc-default',
      vSwitchId: 'vsw-default',
      userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
    });
  });

  it('has no user-data when the tenant gave none, and nothing at all for deleted or unknown instances', async () => {
    const reader = new InstanceMetadataReader(rows(row({ userData: null }), row({ instanceId: 'i-gone', status: 'Deleted' })));
    expect((await reader.metadataFor('i-meta'))?.userData).toBeUndefined();
    expect(await reader.metadataFor('i-gone')).toBeUndefined();
    expect(await reader.metadataFor('i-unknown')).toBeUndefined();
  });
});

describe('InstanceConsoleReader', () => {
  const output: ConsoleOutput = { output: 'ecs-init: ready\n', lastUpdateTime: '2026-11-29T00:00:00.000Z' };
  const asked: string[] = [];
  const hosts = {
    consoleOutput: async (hostId: string, instanceId: string) => {
      asked.push(`${hostId}/${instanceId}`);
      return output;
    },
  };

  it("reads the console on the instance's host, and none for instances on no host or deleted", async () => {
    const reader = new InstanceConsoleReader(rows(row({})), hosts);
    expect(await reader.consoleOutput('i-meta')).toEqual(output);
    const none = new InstanceConsoleReader(rows(row({ hostId: null }), row({ instanceId: 'i-gone', status: 'Deleted' })), hosts);
    expect(await none.consoleOutput('i-meta')).toBeUndefined();
    expect(await none.consoleOutput('i-gone')).toBeUndefined();
    expect(await none.consoleOutput('i-unknown')).toBeUndefined();
    expect(asked).toEqual(['h-1/i-meta']);
  });
});
