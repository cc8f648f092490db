import { childPath, rootPath, segment } from './zk-paths';

describe('ZooKeeper paths', () => {
  it('accepts ordinary names and refuses what ZooKeeper cannot hold in one segment', () => {
    expect(segment('group', 'hosts')).toBe('hosts');
    expect(segment('member', 'h-1.rack:2')).toBe('h-1.rack:2');
    for (const bad of ['', '.', '..', 'a/b', 'tab\there', 'nul\u0000']) expect(() => segment('member', bad)).toThrow(RangeError);
  });

  it('takes an absolute root of valid segments outside /zookeeper', () => {
    expect(rootPath('/ecs')).toBe('/ecs');
    expect(rootPath('/ecs/cn-hangzhou')).toBe('/ecs/cn-hangzhou');
    for (const bad of ['ecs', '/', '/ecs/', '/ecs//x', '/zookeeper', '/zookeeper/ecs']) expect(() => rootPath(bad)).toThrow(RangeError);
    expect(childPath('/ecs', 'groups')).toBe('/ecs/groups');
  });
});
