import type { HostState } from '../host-state';
import type { HostGroup } from './host-group';

/** Where one host sits in the index; reused across its moves so an update allocates nothing here. */
export class HostSlot<H extends HostState> {
  /** Set by `HostGroup.insert` before anything reads it. */
  cell!: CapacityCell<H>;
  /** Index in `cell.slots`. */
  position = -1;

  constructor(public host: H) {}
}

/**
 * The hosts of one group with the same free vCPUs and free memory — an equivalence class in
 * Borg's sense: every `cell`-scope filter and every capacity weigher gives all of them the same
 * answer, so placement asks the first host on behalf of the rest.
 */
export class CapacityCell<H extends HostState> {
  readonly slots: HostSlot<H>[] = [];
  /** Index in `group.buckets[bucket]`. */
  bucketPosition = -1;
  /** Index in `group.cells`. */
  listPosition = -1;

  constructor(
    readonly group: HostGroup<H>,
    readonly key: number,
    readonly bucket: number,
  ) {}

  /** Any host of the cell stands for all of them; a cell in the index is never empty. */
  get representative(): H {
    return this.slots[0].host;
  }
}
