import type { HostState } from '../host-state';

export interface FilterRemoval {
  readonly filter: string;
  /** Hosts this filter removed from those that survived the filters before it. */
  readonly removed: number;
}

export type PlacementDecision<H extends HostState = HostState> =
  /** Best first; the caller claims the first it can and falls back on a lost race. */
  | { readonly ok: true; readonly candidates: H[] }
  /** `message` is written for the tenant: it ends up in an ECS error's Message. */
  | { readonly ok: false; readonly removedByFilter: FilterRemoval[]; readonly message: string };
