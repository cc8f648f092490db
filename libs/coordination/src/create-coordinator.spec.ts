import { createCoordinator } from './create-coordinator';
import { InProcessCoordinator } from './in-process/in-process-coordinator';

describe('createCoordinator', () => {
  it('builds the in-process coordinator for all-in-one', async () => {
    const coordinator = await createCoordinator({ kind: 'in-process' });
    expect(coordinator).toBeInstanceOf(InProcessCoordinator);
    await coordinator.close();
  });

  it('validates a ZooKeeper config before trying to connect', async () => {
    await expect(createCoordinator({ kind: 'zookeeper', connectionString: '127.0.0.1:2181', root: 'ecs', sessionTimeoutMs: 6000 })).rejects.toThrow(
      /root "ecs" must be an absolute path/,
    );
  });
});
