import type { TenantApiDeps } from '../tenant-action';
import { FakeCatalog, REGION } from './catalog-fixture';
import { FakeControl } from './fake-control';

export interface TestDeps extends TenantApiDeps {
  readonly control: FakeControl;
  readonly catalog: FakeCatalog;
}

export function testDeps(control = new FakeControl(), catalog = new FakeCatalog()): TestDeps {
  return { control, catalog, regionId: REGION };
}
