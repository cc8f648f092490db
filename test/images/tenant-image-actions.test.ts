import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ecs from '@alicloud/ecs20140526';
import { configureLogging } from '@ecs/observability';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { FakeConsoles } from '../../apps/business/src/tenant-api/images/testing/fake-image-service';
import { $Ecs, ecsClient, errorOf, popClient } from '../support/sdk-clients';
import { qcow2Image, rawImage } from './support/disk-images';
import { startImageApiStack, type ImageApiStack } from './support/image-api-stack';
import { imageCenterFixture, REGION, type ImageCenterFixture } from './support/image-center-fixture';
import { SourceServer } from './support/source-server';

const CONSOLE = 'Linux version 6.6\r\n\x1b[32m[  OK  ]\x1b[0m reached target\r\nlogin: ';

describe.each(TEST_DATABASES)('image actions through the official SDK on %s', (_name, open) => {
  let handle: TestDatabase;
  let fixture: ImageCenterFixture;
  let stack: ImageApiStack;
  let source: SourceServer;
  let base: string;
  let sdk: Ecs;

  beforeAll(async () => {
    configureLogging({ level: 'silent' });
    handle = await open();
    fixture = await imageCenterFixture(handle.db);
    const disk = join(fixture.dir, 'i-stopped.disk');
    writeFileSync(disk, rawImage(128 * 1024, 9));
    fixture.exporter.files.set('i-stopped', disk);
    stack = await startImageApiStack(handle.db, fixture, new FakeConsoles({ 'i-running': { output: CONSOLE, lastUpdateTime: '2024-06-01T12:00:00.000Z' } }));
    source = new SourceServer({ '/tiny.qcow2': { body: qcow2Image(1024 ** 3) } });
    base = await source.start();
    sdk = ecsClient(stack.gatewayUrl, stack.tenant);
  });
  afterAll(async () => {
    await stack.close();
    await fixture.dispose();
    await source.stop();
    await handle.dispose();
  });

  async function describe(imageIds: string[], client = sdk) {
    const response = await client.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId: imageIds.join(','), status: 'Creating,Available,CreateFailed' }));
    return response.body!.images!.image ?? [];
  }

  it('imports with DiskDeviceMapping.1.OSSObject as a URL, and DescribeImages follows it to Available', async () => {
    const response = await sdk.importImage(
      new $Ecs.ImportImageRequest({
        regionId: REGION,
        imageName: 'sdk-import',
        OSType: 'linux',
        platform: 'Ubuntu',
        architecture: 'x86_64',
        diskDeviceMapping: [new $Ecs.ImportImageRequestDiskDeviceMapping({ OSSObject: `${base}/tiny.qcow2`, format: 'QCOW2' })],
      }),
    );
    const { imageId, taskId, regionId } = response.body!;
    expect(regionId).toBe(REGION);
    expect(taskId).toMatch(/^t-/);
    expect((await describe([imageId!]))[0]).toMatchObject({ imageId, status: 'Creating' });
    await fixture.center.whenIdle();
    expect((await describe([imageId!]))[0]).toMatchObject({ imageId, imageName: 'sdk-import', status: 'Available', size: 1, OSType: 'linux', platform: 'Ubuntu', imageOwnerAlias: 'self', isPublic: false });
    expect(await describe([imageId!], ecsClient(stack.gatewayUrl, stack.neighbour))).toEqual([]);
  });

  it('refuses a loopback import URL the operator did not allow, with an ECS error envelope', async () => {
    const error = await errorOf(
      sdk.importImage(new $Ecs.ImportImageRequest({ regionId: REGION, diskDeviceMapping: [new $Ecs.ImportImageRequestDiskDeviceMapping({ OSSObject: 'http://127.0.0.2:80/disk.raw' })] })),
    );
    expect(error.code).toBe('OperationDenied.ImportSource');
    expect(error.data).toMatchObject({ Code: 'OperationDenied.ImportSource', RequestId: expect.any(String) });
  });

  it('creates from the stopped instance, copies, renames and deletes', async () => {
    const created = (await sdk.createImage(new $Ecs.CreateImageRequest({ regionId: REGION, instanceId: 'i-stopped', imageName: 'from-instance' }))).body!.imageId!;
    await fixture.center.whenIdle();
    const copied = (await sdk.copyImage(new $Ecs.CopyImageRequest({ regionId: REGION, imageId: created, destinationRegionId: REGION, destinationImageName: 'copy-of-instance' }))).body!.imageId!;
    await fixture.center.whenIdle();
    await sdk.modifyImageAttribute(new $Ecs.ModifyImageAttributeRequest({ regionId: REGION, imageId: copied, imageName: 'renamed-copy', description: 'a renamed copy' }));
    expect((await describe([created, copied])).map((image) => [image.imageName, image.status]).sort()).toEqual([
      ['from-instance', 'Available'],
      ['renamed-copy', 'Available'],
    ]);
    expect((await errorOf(sdk.createImage(new $Ecs.CreateImageRequest({ regionId: REGION, instanceId: 'i-running' })))).code).toBe('IncorrectInstanceStatus');
    await sdk.deleteImage(new $Ecs.DeleteImageRequest({ regionId: REGION, imageId: copied }));
    expect((await describe([created, copied])).map((image) => image.imageId)).toEqual([created]);
    expect((await errorOf(ecsClient(stack.gatewayUrl, stack.neighbour).deleteImage(new $Ecs.DeleteImageRequest({ regionId: REGION, imageId: created })))).code).toBe('InvalidImageId.NotFound');
  });

  it('reads the console output Base64-encoded, through both signature styles', async () => {
    const typed = await sdk.getInstanceConsoleOutput(new $Ecs.GetInstanceConsoleOutputRequest({ regionId: REGION, instanceId: 'i-running', removeSymbols: true }));
    expect(Buffer.from(typed.body!.consoleOutput!, 'base64').toString()).toBe('Linux version 6.6\n[  OK  ] reached target\nlogin: ');
    expect(typed.body!.lastUpdateTime).toBe('2024-06-01T12:00:00Z');
    const classic = await popClient(stack.gatewayUrl, stack.tenant).request<{ ConsoleOutput: string }>('GetInstanceConsoleOutput', { RegionId: REGION, InstanceId: 'i-running' }, { method: 'POST' });
    expect(Buffer.from(classic.ConsoleOutput, 'base64').toString()).toBe(CONSOLE);
    expect((await errorOf(ecsClient(stack.gatewayUrl, stack.neighbour).getInstanceConsoleOutput(new $Ecs.GetInstanceConsoleOutputRequest({ regionId: REGION, instanceId: 'i-running' })))).code).toBe('InvalidInstanceId.NotFound');
  });
});
