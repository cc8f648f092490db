/** ZooKeeper refuses these in a path; names come from callers, so they are checked before use. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ud800-\uf8ff\ufff0-\uffff/]/;

/**
 * Checks a caller's name (election, group, member or lock) as one path segment.
 * @throws RangeError naming what is wrong with it.
 */
export function segment(kind: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || FORBIDDEN.test(name)) {
    throw new RangeError(`${kind} name ${JSON.stringify(name)} cannot be a ZooKeeper node name`);
  }
  return name;
}

/**
 * Checks the coordinator's root: an absolute path of valid segments, such as /ecs or /ecs/cn-hangzhou.
 * @throws RangeError if it is not one.
 */
export function rootPath(root: string): string {
  if (!root.startsWith('/') || root.endsWith('/')) throw new RangeError(`root ${JSON.stringify(root)} must be an absolute path such as /ecs`);
  root
    .slice(1)
    .split('/')
    .forEach((part) => segment('root path', part));
  if (root === '/zookeeper' || root.startsWith('/zookeeper/')) throw new RangeError('root must not be inside /zookeeper, which the server reserves');
  return root;
}

export function childPath(parent: string, name: string): string {
  return `${parent}/${name}`;
}
