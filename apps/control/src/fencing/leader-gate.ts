import { StaleEpochError } from '@ecs/contracts';
import { isEcsError } from '@ecs/domain';
import { NotLeaderError } from '@ecs/transport';
import type { ControlLeadership } from '../leadership/control-leadership';
import { leaderScope, type LeaderScope } from './leader-scope';

/**
 * Runs a request's leader-only work under this replica's epoch. A follower refuses with
 * NotLeaderError (the caller retries on the leader), and so does a leader that turns out to be
 * deposed before anything of the request committed: the refusal promises that nothing was done.
 * Once something committed, a fencing failure stays an error: the caller cannot safely repeat it.
 */
export class LeaderGate {
  constructor(
    private readonly leadership: Pick<ControlLeadership, 'epoch'>,
    private readonly scope: LeaderScope = leaderScope,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    let epoch: number;
    try {
      epoch = this.leadership.epoch();
    } catch (error) {
      throw notLeading(error);
    }
    return this.scope.run(epoch, async () => {
      try {
        return await work();
      } catch (error) {
        if (this.scope.current()?.committed === false && isLeadershipLoss(error)) throw new NotLeaderError(`Leadership moved on from epoch ${epoch} before the request was applied.`);
        throw error;
      }
    });
  }
}

/** StaleEpochError from the fence, or ServiceUnavailable from ControlLeadership.epoch(). */
function isLeadershipLoss(error: unknown): boolean {
  return error instanceof StaleEpochError || (isEcsError(error) && error.code === 'ServiceUnavailable');
}

function notLeading(error: unknown): Error {
  return isLeadershipLoss(error) ? new NotLeaderError() : (error as Error);
}
