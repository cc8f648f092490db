import type { ControlEndpoint } from '@ecs/contracts';
import { isRepeatable } from '../client/http-api-dispatcher';
import { leaderFirst } from './leader-first';
import { roundRobin } from './service-watch';

const replica = (url: string, leading: boolean, epoch?: number) => ({ id: url, data: { url, pid: 1, candidateId: url, leading, epoch } satisfies ControlEndpoint });

describe('choosing peers', () => {
  it('tries the announced leader with the highest epoch first, then the others', () => {
    // A paused ex-leader still announces leadership, with an older epoch, until its session expires.
    expect(leaderFirst([replica('a', false), replica('b', true, 3), replica('c', true, 4)])).toEqual(['c', 'b', 'a']);
    expect(leaderFirst([replica('a', false), replica('b', false)])).toEqual(['a', 'b']);
  });

  it('starts each call at the next peer and keeps the rest as fallbacks', () => {
    const peers = [{ id: 'x', data: { url: 'x' } }, { id: 'y', data: { url: 'y' } }];
    const source = roundRobin(() => peers);
    expect(source.endpoints()).toEqual(['x', 'y']);
    expect(source.endpoints()).toEqual(['y', 'x']);
    expect(roundRobin(() => []).endpoints()).toEqual([]);
  });

  it('repeats only tenant calls that are reads or carry a ClientToken', () => {
    expect(isRepeatable({ action: 'DescribeInstances', params: {} })).toBe(true);
    expect(isRepeatable({ action: 'RunInstances', params: { ClientToken: 'abc' } })).toBe(true);
    expect(isRepeatable({ action: 'RunInstances', params: {} })).toBe(false);
    expect(isRepeatable({ action: 'StopInstance', params: { ClientToken: '' } })).toBe(false);
  });
});
