import fc from 'fast-check';
import { freeMemoryMiB, freeVcpus } from '../capacity/capacity';
import type { HostState } from '../host-state';
import { fleetArb, hostsArb } from '../testing/arbitraries';
import { makeHost } from '../testing/host-builder';
import { groupKeyOf } from './host-group';
import { HostIndex } from './host-index';
import { slackBucket } from './slack';

const usage = { vcpus: 4, memoryMiB: 8192, diskGiB: 40 };

/** Every structural invariant the search relies on, through the index's own views; lists what is broken. */
function inconsistencies(index: HostIndex, expected: ReadonlyMap<string, HostState>): string[] {
  const broken: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) broken.push(what);
  };
  let seen = 0;
  index.groups.forEach((group, g) => {
    check(group.listPosition === g && group.cells.length > 0, `group ${g} position or emptiness`);
    let hosts = 0;
    group.cells.forEach((cell, c) => {
      check(cell.listPosition === c && group.buckets[cell.bucket][cell.bucketPosition] === cell && cell.slots.length > 0, `cell ${c} of group ${g}`);
      const cpu = freeVcpus(cell.representative);
      const memory = freeMemoryMiB(cell.representative);
      check(cell.bucket === slackBucket(cpu / group.cpuTotal + memory / group.memoryTotal), `bucket of cell ${c} of group ${g}`);
      cell.slots.forEach((slot, s) => {
        const { host } = slot;
        check(slot.position === s && slot.cell === cell, `slot ${host.hostId}`);
        check(groupKeyOf(host) === group.key && freeVcpus(host) === cpu && freeMemoryMiB(host) === memory, `${host.hostId} filed in the wrong group or cell`);
        check(host === expected.get(host.hostId) && index.get(host.hostId) === host, `${host.hostId} is not its latest state`);
      });
      hosts += cell.slots.length;
    });
    check(group.buckets.reduce((n, bucket) => n + bucket.length, 0) === group.cells.length, `buckets of group ${g}`);
    check(group.hostCount === hosts, `host count of group ${g}`);
    seen += hosts;
  });
  check(seen === expected.size && index.size === expected.size, `${seen} hosts filed, ${index.size} indexed, ${expected.size} expected`);
  return broken;
}

describe('HostIndex', () => {
  it('puts hosts with equal free capacity in one cell and tells them apart by what they are', () => {
    const index = new HostIndex();
    index.upsert(makeHost({ hostId: 'a', usedVcpus: 8 }));
    index.upsert(makeHost({ hostId: 'b', usedVcpus: 8, usedDiskGiB: 500 }));
    index.upsert(makeHost({ hostId: 'c', usedVcpus: 10 }));
    index.upsert(makeHost({ hostId: 'd', usedVcpus: 8, zoneId: 'cn-hangzhou-b' }));
    expect(index.groups.map((g) => g.cells.map((c) => c.slots.map((s) => s.host.hostId).sort()))).toEqual([[['a', 'b'], ['c']], [['d']]]);
  });

  it('claims and releases by replacing the host state, leaving earlier states as they were', () => {
    const index = new HostIndex();
    const before = makeHost({ hostId: 'a' });
    index.upsert(before);
    const after = index.claim('a', usage);
    expect(after).toMatchObject({ usedVcpus: 4, usedMemoryMiB: 8192, usedDiskGiB: 40 });
    expect(before.usedVcpus).toBe(0);
    expect(index.get('a')).toBe(after);
    expect(index.release('a', usage)).toMatchObject({ usedVcpus: 0, usedMemoryMiB: 0, usedDiskGiB: 0 });
    expect(index.groups[0].cells).toHaveLength(1);
  });

  it('moves a host that dies or comes back to another group and drops groups that empty', () => {
    const index = new HostIndex();
    index.upsert(makeHost({ hostId: 'a' }));
    const firstGroup = index.groups[0];
    index.upsert(makeHost({ hostId: 'a', alive: false }));
    expect(index.groups).toHaveLength(1);
    expect(index.groups[0].representative.alive).toBe(false);
    index.upsert(makeHost({ hostId: 'a' }));
    expect(index.groups[0].key).toBe(firstGroup.key);
    expect(index.groups[0]).not.toBe(firstGroup);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.groups).toHaveLength(0);
  });

  it('refuses fractional or absurd capacity and unknown hosts without changing anything', () => {
    const index = new HostIndex();
    const host = makeHost({ hostId: 'a' });
    index.upsert(host);
    expect(() => index.upsert(makeHost({ hostId: 'a', usedVcpus: 0.5 }))).toThrow(RangeError);
    expect(() => index.upsert(makeHost({ hostId: 'b', memoryMiB: 2 ** 31 }))).toThrow(RangeError);
    expect(() => index.claim('zz', usage)).toThrow(/zz is not in the index/);
    expect(inconsistencies(index, new Map([['a', host]]))).toEqual([]);
  });

  it('stays consistent through any sequence of upserts, claims, releases and removals', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('upsert' as const), hosts: hostsArb }),
      fc.record({ kind: fc.constant('upsert' as const), hosts: fleetArb }),
      fc.record({ kind: fc.constantFrom('claim' as const, 'release' as const, 'remove' as const), pick: fc.nat(), vcpus: fc.nat(8), memoryMiB: fc.nat(16384) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), (operations) => {
        const index = new HostIndex();
        const model = new Map<string, HostState>();
        for (const op of operations) {
          if (op.kind === 'upsert') {
            for (const host of op.hosts) {
              index.upsert(host);
              model.set(host.hostId, host);
            }
            continue;
          }
          const ids = [...model.keys()];
          if (ids.length === 0) continue;
          const hostId = ids[op.pick % ids.length];
          if (op.kind === 'remove') {
            expect(index.remove(hostId)).toBe(true);
            model.delete(hostId);
          } else {
            const change = { vcpus: op.vcpus, memoryMiB: op.memoryMiB, diskGiB: 1 };
            model.set(hostId, op.kind === 'claim' ? index.claim(hostId, change) : index.release(hostId, change));
          }
        }
        expect(inconsistencies(index, model)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
