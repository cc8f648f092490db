import { StaleEpochError } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { NotLeaderError } from '@ecs/transport';
import { LeaderGate } from './leader-gate';
import { LeaderScope } from './leader-scope';

describe('LeaderGate', () => {
  const scope = new LeaderScope();
  const leading = (epoch: number) => new LeaderGate({ epoch: () => epoch }, scope);
  const following = new LeaderGate(
    {
      epoch: () => {
        throw new EcsError('ServiceUnavailable', 'electing');
      },
    },
    scope,
  );

  it('runs the work under the leader epoch, visible to the fenced database', async () => {
    await expect(leading(7).run(async () => scope.current()?.epoch)).resolves.toBe(7);
    expect(scope.current()).toBeUndefined();
  });

  it('refuses on a follower before any work, so the caller may go to the leader', async () => {
    const work = jest.fn();
    await expect(following.run(work)).rejects.toBeInstanceOf(NotLeaderError);
    expect(work).not.toHaveBeenCalled();
  });

  it('turns a fencing failure into NotLeader only while nothing has committed', async () => {
    await expect(leading(3).run(() => Promise.reject(new StaleEpochError(3, 4)))).rejects.toBeInstanceOf(NotLeaderError);
    const afterCommit = leading(3).run(async () => {
      scope.current()!.committed = true;
      throw new StaleEpochError(3, 4);
    });
    await expect(afterCommit).rejects.toBeInstanceOf(StaleEpochError);
  });

  it('lets the work’s own errors through', async () => {
    await expect(leading(1).run(() => Promise.reject(new EcsError('IncorrectInstanceStatus')))).rejects.toMatchObject({ code: 'IncorrectInstanceStatus' });
  });
});
