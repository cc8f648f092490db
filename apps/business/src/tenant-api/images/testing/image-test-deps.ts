import type { TenantApiDeps } from '../../tenant-action';
import { FakeCatalog, REGION } from '../../testing/catalog-fixture';
import { FakeControl, instanceView } from '../../testing/fake-control';
import { FakeConsoles, FakeImageService } from './fake-image-service';

export interface ImageTestDeps extends TenantApiDeps {
  readonly control: FakeControl;
  readonly images: FakeImageService;
  readonly consoleOutput: FakeConsoles;
}

/** One running and one stopped instance of the test account, a fake image center and consoles. */
export function imageTestDeps(consoles = new FakeConsoles()): ImageTestDeps {
  const control = new FakeControl([
    instanceView({ instanceId: 'i-running' }),
    instanceView({ instanceId: 'i-stopped', status: 'Stopped', imageId: 'm-own', startTime: undefined, stoppedMode: 'StopCharging' }),
  ]);
  return { control, catalog: new FakeCatalog(), regionId: REGION, images: new FakeImageService(), consoleOutput: consoles };
}
