import { createClient, type Client, type Stat } from 'node-zookeeper-client';

export interface TreeNode {
  readonly path: string;
  /** The owning session id in hex, for an ephemeral node. */
  readonly owner: string | undefined;
  readonly data: string;
}

/** A plain ZooKeeper client for the tests' own look at the tree, independent of the adapter under test. */
export class ZkAdmin {
  private constructor(private readonly client: Client) {}

  static async connect(connection: string): Promise<ZkAdmin> {
    const client = createClient(connection, { sessionTimeout: 10_000 });
    await new Promise<void>((resolve) => {
      client.once('connected', () => resolve());
      client.connect();
    });
    return new ZkAdmin(client);
  }

  /** Every node at and under `root`, parents first; [] if `root` does not exist. */
  async tree(root: string): Promise<TreeNode[]> {
    const stat = await this.call<Stat | null>((done) => this.client.exists(root, undefined, done));
    if (stat === null) return [];
    const out: TreeNode[] = [];
    const visit = async (path: string): Promise<void> => {
      try {
        const [data, nodeStat] = await this.call<[Buffer | undefined, Stat]>((done) => this.client.getData(path, undefined, (e, d, s) => done(e, [d, s])));
        const owner = nodeStat.ephemeralOwner.toString('hex');
        out.push({ path, owner: /^0+$/.test(owner) ? undefined : owner, data: data?.toString('utf8') ?? '' });
        const children = await this.call<string[]>((done) => this.client.getChildren(path, undefined, (e, c) => done(e, c)));
        for (const child of children.sort()) await visit(`${path}/${child}`);
      } catch (error) {
        if ((error as { name?: string }).name !== 'NO_NODE') throw error;
      }
    };
    await visit(root);
    return out;
  }

  async ephemeralNodes(root: string): Promise<TreeNode[]> {
    return (await this.tree(root)).filter((node) => node.owner !== undefined);
  }

  async removeTree(root: string): Promise<void> {
    for (const node of (await this.tree(root)).reverse()) {
      await this.call<void>((done) => this.client.remove(node.path, -1, (e) => done(e, undefined))).catch((error: { name?: string }) => {
        if (error.name !== 'NO_NODE') throw error;
      });
    }
  }

  close(): void {
    this.client.close();
  }

  private call<T>(start: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
  }
}
