import type { HostState } from '../host-state';
import { HostSlot } from './capacity-cell';
import { cellKeyOf, groupKeyOf, HostGroup } from './host-group';

/** What one instance takes from (or gives back to) a host. */
export interface ResourceUsage {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
}

/**
 * The fleet as indexed placement sees it, kept current by its owner one host at a time (a claim, a
 * release, a liveness or ledger change) instead of rebuilt per decision. Hosts are grouped by
 * zone × class × schedulability × allocatable capacity, each group split into capacity cells
 * (equal free vCPUs and memory) filed by slack bucket; see docs/decisions/0060.
 *
 * Host states are immutable: a change replaces the host's object, so a state handed out earlier
 * (a placement's candidates) keeps describing what the decision saw.
 */
export class HostIndex<H extends HostState = HostState> {
  private readonly slots = new Map<string, HostSlot<H>>();
  private readonly groupsByKey = new Map<string, HostGroup<H>>();
  private readonly groupList: HostGroup<H>[] = [];

  get size(): number {
    return this.slots.size;
  }

  /** Read by the scheduler's indexed search; owned by the index. */
  get groups(): readonly HostGroup<H>[] {
    return this.groupList;
  }

  get(hostId: string): H | undefined {
    return this.slots.get(hostId)?.host;
  }

  /** Every host, in no particular order (a copy). */
  hosts(): H[] {
    const all = new Array<H>(this.slots.size);
    let n = 0;
    for (const slot of this.slots.values()) all[n++] = slot.host;
    return all;
  }

  /** Adds a host or replaces its state, whatever changed (usage, liveness, ratios, zone). */
  upsert(host: H): void {
    const cellKey = cellKeyOf(host);
    const slot = this.slots.get(host.hostId);
    if (!slot) {
      const fresh = new HostSlot(host);
      this.slots.set(host.hostId, fresh);
      this.groupFor(host).insert(fresh, cellKey);
      return;
    }
    const group = slot.cell.group;
    if (group.key === groupKeyOf(host)) {
      this.moveWithin(group, slot, host, cellKey);
      return;
    }
    this.leaveGroup(slot);
    slot.host = host;
    this.groupFor(host).insert(slot, cellKey);
  }

  remove(hostId: string): boolean {
    const slot = this.slots.get(hostId);
    if (!slot) return false;
    this.leaveGroup(slot);
    this.slots.delete(hostId);
    return true;
  }

  /** Takes an instance's resources on a host (a placement the ledger accepted); returns the new state. */
  claim(hostId: string, usage: ResourceUsage): H {
    return this.adjust(hostId, usage, 1);
  }

  /** Gives an instance's resources back; returns the new state. */
  release(hostId: string, usage: ResourceUsage): H {
    return this.adjust(hostId, usage, -1);
  }

  private adjust(hostId: string, usage: ResourceUsage, sign: 1 | -1): H {
    const slot = this.slots.get(hostId);
    if (!slot) throw new RangeError(`host ${hostId} is not in the index`);
    const before = slot.host;
    // Usage never changes a host's group, so the group key is not rebuilt on this hot path.
    const after: H = {
      ...before,
      usedVcpus: before.usedVcpus + sign * usage.vcpus,
      usedMemoryMiB: before.usedMemoryMiB + sign * usage.memoryMiB,
      usedDiskGiB: before.usedDiskGiB + sign * usage.diskGiB,
    };
    this.moveWithin(slot.cell.group, slot, after, cellKeyOf(after));
    return after;
  }

  private moveWithin(group: HostGroup<H>, slot: HostSlot<H>, host: H, key: number): void {
    slot.host = host;
    if (key === slot.cell.key) return;
    group.remove(slot);
    group.insert(slot, key);
  }

  private groupFor(host: H): HostGroup<H> {
    const key = groupKeyOf(host);
    let group = this.groupsByKey.get(key);
    if (!group) {
      group = new HostGroup<H>(key, host);
      group.listPosition = this.groupList.length;
      this.groupList.push(group);
      this.groupsByKey.set(key, group);
    }
    return group;
  }

  private leaveGroup(slot: HostSlot<H>): void {
    const group = slot.cell.group;
    group.remove(slot);
    if (group.hostCount > 0) return;
    this.groupsByKey.delete(group.key);
    const last = this.groupList.pop()!;
    if (last !== group) {
      this.groupList[group.listPosition] = last;
      last.listPosition = group.listPosition;
    }
  }
}
