import type { Coordinator } from '@ecs/coordination';

/** Which hosts are up: their agents hold a live (ephemeral) registration, as control's FleetView sees it. */
export interface HostLiveness {
  liveHostIds(): Promise<ReadonlySet<string>>;
}

/** Liveness straight from the coordinator's membership group the host agents register in. */
export function coordinatorLiveness(coordinator: Pick<Coordinator, 'members'>, group: string): HostLiveness {
  return { liveHostIds: async () => new Set((await coordinator.members(group)).map((m) => m.id)) };
}
