import type { Coordinator } from './coordinator.port';
import { InProcessCoordinator } from './in-process/in-process-coordinator';
import { ZooKeeperCoordinator } from './zookeeper/zookeeper-coordinator';
import type { ZooKeeperCoordinatorConfig } from './zookeeper/zookeeper-config';

export type CoordinatorConfig = { readonly kind: 'in-process' } | ({ readonly kind: 'zookeeper' } & ZooKeeperCoordinatorConfig);

/**
 * The coordinator the config names: in-process for all-in-one, ZooKeeper for a cluster. Async
 * because a ZooKeeper coordinator is handed out only once it holds a session.
 */
export async function createCoordinator(config: CoordinatorConfig): Promise<Coordinator> {
  switch (config.kind) {
    case 'in-process':
      return new InProcessCoordinator();
    case 'zookeeper':
      return ZooKeeperCoordinator.connect(config);
  }
}
