import type { InstanceMetadata } from '@ecs/contracts';
import { identityDocument } from '../identity/identity-document';

/** A leaf's body is computed only when read (signing is not free; user-data is decoded on demand). */
export interface Leaf {
  readonly kind: 'leaf';
  readonly body: () => Buffer;
}

export interface Directory {
  readonly kind: 'directory';
  readonly entries: ReadonlyMap<string, Leaf | Directory>;
}

export type Found = { readonly kind: 'leaf'; readonly body: Buffer } | { readonly kind: 'listing'; readonly body: Buffer } | { readonly kind: 'not-found' };

export interface IdentityDocumentSigner {
  sign(document: string): string;
}

/**
 * What a guest can read, laid out as Alibaba Cloud's metadata service lays it out: listings are
 * newline-separated names, directories end in `/`.
 */
export function metadataTree(reported: InstanceMetadata, signer: IdentityDocumentSigner): Directory {
  const metadata = { ...reported, mac: reported.mac.toLowerCase() };
  const mac = metadata.mac;
  const metaData = directory({
    hostname: text(metadata.hostName),
    'image-id': text(metadata.imageId),
    'instance-id': text(metadata.instanceId),
    instance: directory({ 'instance-type': text(metadata.instanceType) }),
    mac: text(mac),
    network: directory({
      interfaces: directory({
        macs: directory({
          [mac]: directory({
            'primary-ip-address': text(metadata.privateIpv4),
            'private-ipv4s': text(JSON.stringify([metadata.privateIpv4])),
            'vpc-id': text(metadata.vpcId),
            'vswitch-id': text(metadata.vSwitchId),
          }),
        }),
      }),
    }),
    'owner-account-id': text(metadata.ownerAccountId),
    'private-ipv4': text(metadata.privateIpv4),
    'region-id': text(metadata.regionId),
    'vpc-id': text(metadata.vpcId),
    'vswitch-id': text(metadata.vSwitchId),
    'zone-id': text(metadata.zoneId),
  });
  const document = identityDocument(metadata);
  const userData = metadata.userData;
  return directory({
    latest: directory({
      dynamic: directory({
        'instance-identity': directory({
          document: text(document),
          signature: { kind: 'leaf', body: () => Buffer.from(signer.sign(document), 'utf8') },
        }),
      }),
      'meta-data': metaData,
      ...(userData !== undefined && { 'user-data': { kind: 'leaf', body: () => Buffer.from(userData, 'base64') } }),
    }),
  });
}

/** Looks a request path up: a trailing `/` is for directories only; a directory lists either way. */
export function lookup(root: Directory, path: string): Found {
  const segments = path.split('/').slice(1);
  const wantsDirectory = path.endsWith('/');
  if (wantsDirectory) segments.pop();
  let node: Leaf | Directory = root;
  for (const segment of segments) {
    if (node.kind !== 'directory' || segment === '') return { kind: 'not-found' };
    const next: Leaf | Directory | undefined = node.entries.get(segment);
    if (next === undefined) return { kind: 'not-found' };
    node = next;
  }
  if (node.kind === 'leaf') return wantsDirectory ? { kind: 'not-found' } : { kind: 'leaf', body: node.body() };
  const names = [...node.entries].map(([name, child]) => (child.kind === 'directory' ? `${name}/` : name));
  return { kind: 'listing', body: Buffer.from(names.sort().join('\n'), 'utf8') };
}

function text(value: string): Leaf {
  return { kind: 'leaf', body: () => Buffer.from(value, 'utf8') };
}

function directory(entries: Record<string, Leaf | Directory>): Directory {
  return { kind: 'directory', entries: new Map(Object.entries(entries)) };
}
