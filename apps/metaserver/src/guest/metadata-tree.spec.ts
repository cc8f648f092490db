import type { InstanceMetadata } from '@ecs/contracts';
import { lookup, metadataTree } from './metadata-tree';

const METADATA: InstanceMetadata = {
  instanceId: 'i-abc',
  hostName: 'web-1',
  imageId: 'm-ubuntu',
  regionId: 'cn-test-1',
  zoneId: 'cn-test-1a',
  mac: '00:16:3E:00:00:01',
  privateIpv4: '192.168.0.10',
  instanceType: 'ecs.g7.large',
  ownerAccountId: '1234567890',
  vpcId: 'vpc-default',
  vSwitchId: 'vsw-default',
  userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
};

const signer = { sign: (document: string) => `signed:${document.length}` };

function read(path: string, metadata: InstanceMetadata = METADATA): string | undefined {
  const found = lookup(metadataTree(metadata, signer), path);
  return found.kind === 'not-found' ? undefined : found.body.toString('utf8');
}

describe('metadata tree', () => {
  it('lists meta-data with directories marked by a trailing slash', () => {
    expect(read('/latest/meta-data/')).toBe(
      ['hostname', 'image-id', 'instance-id', 'instance/', 'mac', 'network/', 'owner-account-id', 'private-ipv4', 'region-id', 'vpc-id', 'vswitch-id', 'zone-id'].join('\n'),
    );
    expect(read('/latest/meta-data')).toBe(read('/latest/meta-data/'));
    expect(read('/latest/')).toBe('dynamic/\nmeta-data/\nuser-data');
  });

  it('answers the instance facts as plain text', () => {
    expect(read('/latest/meta-data/instance-id')).toBe('i-abc');
    expect(read('/latest/meta-data/hostname')).toBe('web-1');
    expect(read('/latest/meta-data/mac')).toBe('00:16:3e:00:00:01');
    expect(read('/latest/meta-data/instance/instance-type')).toBe('ecs.g7.large');
    expect(read('/latest/meta-data/network/interfaces/macs/')).toBe('00:16:3e:00:00:01/');
    expect(read('/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/private-ipv4s')).toBe('["192.168.0.10"]');
    expect(read('/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/primary-ip-address')).toBe('192.168.0.10');
  });

  it('decodes user-data, and has none when the tenant gave none', () => {
    expect(read('/latest/user-data')).toBe('#!/bin/sh\necho hi\n');
    expect(read('/latest/user-data', { ...METADATA, userData: undefined })).toBeUndefined();
    expect(read('/latest/', { ...METADATA, userData: undefined })).toBe('dynamic/\nmeta-data/');
  });

  it('serves the identity document with its signature', () => {
    const document = read('/latest/dynamic/instance-identity/document')!;
    expect(JSON.parse(document)).toEqual({
      'owner-account-id': '1234567890',
      'instance-id': 'i-abc',
      'instance-type': 'ecs.g7.large',
      'image-id': 'm-ubuntu',
      'region-id': 'cn-test-1',
      'zone-id': 'cn-test-1a',
      mac: '00:16:3e:00:00:01',
      'private-ipv4': '192.168.0.10',
    });
    expect(read('/latest/dynamic/instance-identity/signature')).toBe(`signed:${document.length}`);
  });

  it('finds nothing for unknown paths, leaves asked as directories, or empty segments', () => {
    for (const path of ['/latest/meta-data/nope', '/latest/meta-data/instance-id/', '/latest//meta-data/', '/other', '/latest/meta-data/instance-id/x']) {
      expect([path, read(path)]).toEqual([path, undefined]);
    }
  });
});
