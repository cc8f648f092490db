import { randomBytes, randomInt } from 'node:crypto';

/** Random candidate addresses in a zone's default subnet, skipping network, gateway and broadcast. */
export function privateIpCandidates(cidr: string, count: number): string[] {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const octets = (base ?? '').split('.').map(Number);
  if (octets.length !== 4 || !(bits >= 8 && bits <= 30)) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const network = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - bits);
  const out = new Set<string>();
  while (out.size < Math.min(count, size - 3)) {
    const address = network + randomInt(2, size - 1);
    out.add([address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.'));
  }
  return [...out];
}

/** 00:16:3e is the OUI Alibaba Cloud uses for guest NICs. */
export function newMacAddress(): string {
  return ['00', '16', '3e', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}
