import fc from 'fast-check';
import { AddressPolicy } from './address-policy';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy([]);

  it('refuses loopback, private, link-local, CGNAT and the metaserver address', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255']) {
      expect([address, policy.permits(address)]).toEqual([address, false]);
    }
    for (const address of ['::1', '::', 'fe80::1', 'fd12:3456::1', 'fc00::1', 'ff02::1']) {
      expect([address, policy.permits(address)]).toEqual([address, false]);
    }
  });

  it('refuses private IPv4 spelt as IPv6 (mapped, NAT64, 6to4, Teredo)', () => {
    for (const address of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '2002:7f00:1::1', '2001:0:4136:e378::1']) {
      expect([address, policy.permits(address)]).toEqual([address, false]);
    }
  });

  it('permits public addresses, mapped or not', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '::ffff:808:808']) {
      expect([address, policy.permits(address)]).toEqual([address, true]);
    }
  });

  it('lets an operator allow a refused range, and only that range', () => {
    const mirror = new AddressPolicy(['127.0.0.1/32', 'fd00:1::/64']);
    expect(mirror.permits('127.0.0.1')).toBe(true);
    expect(mirror.permits('::ffff:127.0.0.1')).toBe(true);
    expect(mirror.permits('127.0.0.2')).toBe(false);
    expect(mirror.permits('fd00:1::5')).toBe(true);
    expect(mirror.permits('fd00:2::5')).toBe(false);
  });

  it('refuses what is not an IP address', () => {
    expect(policy.permits('localhost')).toBe(false);
    expect(policy.permits('')).toBe(false);
  });

  it('judges every 10.x.y.z the same in IPv4 and IPv4-mapped IPv6', () => {
    fc.assert(
      fc.property(fc.nat(255), fc.nat(255), fc.nat(255), (b, c, d) => {
        expect(policy.permits(`10.${b}.${c}.${d}`)).toBe(false);
        expect(policy.permits(`::ffff:10.${b}.${c}.${d}`)).toBe(false);
      }),
    );
  });
});
