import type { ControlEndpoint } from '@ecs/contracts';
import type { Member } from '@ecs/coordination';

/**
 * Control replicas in the order to try them: the announced leader with the highest epoch first (a
 * paused ex-leader may still announce an older one until its session expires), then the rest,
 * which answer NotLeader if they are not leading either.
 */
export function leaderFirst(members: readonly Member<ControlEndpoint>[]): string[] {
  const rank = (m: Member<ControlEndpoint>) => (m.data.leading ? (m.data.epoch ?? 0) : -1);
  return [...members].sort((a, b) => rank(b) - rank(a)).map((m) => m.data.url);
}
