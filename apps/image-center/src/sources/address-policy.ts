import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the image center may fetch an import from. Refused unless an operator allows
 * them: everything that is not the public internet — loopback, private (RFC 1918, IPv6 ULA),
 * link-local, CGNAT (which holds the metaserver's 100.100.100.200), "this network", documentation,
 * benchmarking, multicast and reserved ranges — and the IPv6 prefixes that embed an IPv4 address
 * (NAT64, 6to4, Teredo), so a private IPv4 address cannot be reached by spelling it in IPv6.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
const REFUSED_IPV4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
const REFUSED_IPV6 = [
  '::/128', '::1/128', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/32', '2001:db8::/32', '2002::/16', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
];

export type AddressFamily = 'ipv4' | 'ipv6';

export class AddressPolicy {
  private readonly refused = new BlockList();
  private readonly allowed = new BlockList();

  /** @param allowedCidrs operator exceptions, e.g. an internal mirror's subnet (validated by config). */
  constructor(allowedCidrs: readonly string[]) {
    for (const cidr of REFUSED_IPV4) addCidr(this.refused, cidr);
    for (const cidr of REFUSED_IPV6) addCidr(this.refused, cidr);
    for (const cidr of allowedCidrs) addCidr(this.allowed, cidr);
  }

  /** True when the image center may connect to this address (an IP literal). */
  permits(address: string): boolean {
    const family = familyOf(address);
    if (family === undefined) return false;
    if (this.allowed.check(address, family)) return true;
    const mapped = family === 'ipv6' ? embeddedMappedIpv4(address) : undefined;
    if (mapped !== undefined) return this.allowed.check(mapped, 'ipv4') || !this.refused.check(mapped, 'ipv4');
    return !this.refused.check(address, family);
  }
}

function addCidr(list: BlockList, cidr: string): void {
  const [address = '', prefix = ''] = cidr.split('/');
  const family = familyOf(address);
  if (family === undefined || !/^\d{1,3}$/.test(prefix)) throw new Error(`not a CIDR: ${cidr}`);
  list.addSubnet(address, Number(prefix), family);
}

function familyOf(address: string): AddressFamily | undefined {
  switch (isIP(address)) {
    case 4:
      return 'ipv4';
    case 6:
      return 'ipv6';
    default:
      return undefined;
  }
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d` / `::ffff:xxxx:xxxx`). */
function embeddedMappedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (groups === undefined || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return undefined;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 address, dotted IPv4 tails included. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const octets = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups].map((g) => parseInt(g, 16));
  return groups.some((g) => Number.isNaN(g)) ? undefined : groups;
}
