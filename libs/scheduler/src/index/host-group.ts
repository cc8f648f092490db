import { allocatableMemoryMiB, allocatableVcpus, freeMemoryMiB, freeVcpus, isSchedulable } from '../capacity/capacity';
import type { HostState } from '../host-state';
import { CapacityCell, type HostSlot } from './capacity-cell';
import { SLACK_BUCKETS, slackBucket } from './slack';

// Free vCPUs and memory are packed into one number as a cell key: offsets keep overdrawn (negative)
// values apart, and the spans keep the key below 2^53.
const VCPU_OFFSET = 2 ** 20;
const MEMORY_OFFSET = 2 ** 30;
const MEMORY_SPAN = 2 ** 31;

/**
 * The identity of a group: hosts that every `group`-scope filter treats alike, and whose
 * allocatable capacity is equal so that equal free capacity means an equal capacity score.
 */
export function groupKeyOf(host: HostState): string {
  return `${host.zoneId}\u0000${host.hostClass}\u0000${isSchedulable(host) ? 1 : 0}\u0000${allocatableVcpus(host)}\u0000${allocatableMemoryMiB(host)}`;
}

/** The identity of a cell within its group; throws on capacity the key cannot hold, before any change. */
export function cellKeyOf(host: HostState): number {
  const vcpus = freeVcpus(host);
  const memory = freeMemoryMiB(host);
  if (!(Number.isSafeInteger(vcpus) && Math.abs(vcpus) < VCPU_OFFSET && Number.isSafeInteger(memory) && Math.abs(memory) < MEMORY_OFFSET)) {
    throw new RangeError(`host ${host.hostId}: free capacity ${vcpus} vCPU/${memory} MiB must be whole and within ±${VCPU_OFFSET} vCPU/±${MEMORY_OFFSET} MiB`);
  }
  return (vcpus + VCPU_OFFSET) * MEMORY_SPAN + (memory + MEMORY_OFFSET);
}

/**
 * Hosts sharing a group key, split into capacity cells, and the cells filed by slack bucket so a
 * placement can visit them in best-fit (or worst-fit) order without sorting.
 */
export class HostGroup<H extends HostState> {
  readonly cells: CapacityCell<H>[] = [];
  /** buckets[b] holds the cells whose slack falls in bucket b (see slack.ts). */
  readonly buckets: CapacityCell<H>[][] = Array.from({ length: SLACK_BUCKETS }, () => []);
  /** Allocatable capacity, at least 1 so shares never divide by zero (as the bin-packing weigher does). */
  readonly cpuTotal: number;
  readonly memoryTotal: number;
  hostCount = 0;
  /** Index in the owning index's group list. */
  listPosition = -1;
  private readonly cellsByKey = new Map<number, CapacityCell<H>>();

  constructor(
    readonly key: string,
    sample: HostState,
  ) {
    this.cpuTotal = Math.max(allocatableVcpus(sample), 1);
    this.memoryTotal = Math.max(allocatableMemoryMiB(sample), 1);
  }

  /** Any host of the group stands for all of them; a group in the index is never empty. */
  get representative(): H {
    return this.cells[0].representative;
  }

  /** Files `slot` under the cell its host's free capacity puts it in. */
  insert(slot: HostSlot<H>, cellKey: number): void {
    let cell = this.cellsByKey.get(cellKey);
    if (!cell) cell = this.newCell(slot.host, cellKey);
    slot.cell = cell;
    slot.position = cell.slots.length;
    cell.slots.push(slot);
    this.hostCount++;
  }

  /** Takes `slot` out of its cell, dropping the cell when it empties so searches never meet one. */
  remove(slot: HostSlot<H>): void {
    const { cell } = slot;
    const last = cell.slots.pop()!;
    if (last !== slot) {
      cell.slots[slot.position] = last;
      last.position = slot.position;
    }
    this.hostCount--;
    if (cell.slots.length === 0) this.dropCell(cell);
  }

  private newCell(host: HostState, key: number): CapacityCell<H> {
    const slack = freeVcpus(host) / this.cpuTotal + freeMemoryMiB(host) / this.memoryTotal;
    const cell = new CapacityCell<H>(this, key, slackBucket(slack));
    const bucket = this.buckets[cell.bucket];
    cell.bucketPosition = bucket.length;
    bucket.push(cell);
    cell.listPosition = this.cells.length;
    this.cells.push(cell);
    this.cellsByKey.set(key, cell);
    return cell;
  }

  private dropCell(cell: CapacityCell<H>): void {
    this.cellsByKey.delete(cell.key);
    const bucket = this.buckets[cell.bucket];
    const lastInBucket = bucket.pop()!;
    if (lastInBucket !== cell) {
      bucket[cell.bucketPosition] = lastInBucket;
      lastInBucket.bucketPosition = cell.bucketPosition;
    }
    const lastInList = this.cells.pop()!;
    if (lastInList !== cell) {
      this.cells[cell.listPosition] = lastInList;
      lastInList.listPosition = cell.listPosition;
    }
  }
}
