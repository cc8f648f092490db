import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Ecs from '@alicloud/ecs20140526';
import { ImageRepository } from '@ecs/persistence';
import { killAll, processesMentioning } from '../qemu/qemu-processes';
import { buildTinylinux, TINYLINUX_IMAGE_ID } from '../qemu/tinylinux-image';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { GUEST_TIMEOUT_MS, guestTenant } from '../support/guest-tenant';
import { $Ecs, ecsClient } from '../support/sdk-clients';

/**
 * The acceptance run of real guests: an all-in-one with ECS_HYPERVISOR=qemu and two hosts, driven
 * only through the official SDK. A tinylinux guest boots, fetches its own identity and its
 * user-data script from the metaserver and prints both on the serial console, which the tenant
 * reads with GetInstanceConsoleOutput; an ACPI stop, an image created from the stopped instance
 * (booted again on the other host), and deletes that leave no QEMU process behind.
 */
const BUILD_TIMEOUT_MS = 20 * 60_000;
jest.setTimeout(300_000);

const REGION = 'cn-hangzhou';
const USER_DATA = '#!/bin/sh\necho "user-data says hello from $(hostname)"\n';

describe('real guests through the official SDK (all-in-one, ECS_HYPERVISOR=qemu)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;
  let zones: [string, string];
  let instanceId: string;
  let imageId: string;

  const { describe1, consoleOf, untilStatus, untilConsoleShows, untilGone, launch } = guestTenant(() => ecs, REGION);
  const qemuProcesses = () => processesMentioning(platform.dataDir);

  beforeAll(async () => {
    const imagePath = await buildTinylinux();
    platform = await startTestPlatform({
      ECS_HYPERVISOR: 'qemu',
      ECS_SIM_HOSTS: '2',
      ECS_SYSTEM_IMAGE_MANIFESTS: join(dirname(imagePath), 'tinylinux.json'),
      ECS_TASK_DEADLINE_MS: String(GUEST_TIMEOUT_MS),
    });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
    zones = platform.fleet.hosts.map((host) => host.registration.zoneId) as [string, string];
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (!platform) return;
    // Only for a failed run: a passing one has already shown that nothing is left.
    killAll(await qemuProcesses());
    await platform.dispose();
  });

  it('offers the tinylinux image as a system image', async () => {
    const { body } = await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId: TINYLINUX_IMAGE_ID }));
    expect(body!.images!.image).toEqual([expect.objectContaining({ imageId: TINYLINUX_IMAGE_ID, status: 'Available', imageOwnerAlias: 'system', OSType: 'linux' })]);
  });

  it("boots a guest that prints its own instance id from the metaserver and runs the tenant's user-data", async () => {
    instanceId = await launch(TINYLINUX_IMAGE_ID, zones[0], 'tiny-e2e', USER_DATA);
    await untilStatus(instanceId, 'Running');
    const output = await untilConsoleShows(instanceId, 'ecs-metadata: user-data-exit=0');
    expect(output).toContain(`ecs-metadata: instance-id=${instanceId}`);
    expect(output).toContain('ecs-metadata: hostname=tiny-e2e');
    expect(output).toContain(`ecs-metadata: private-ipv4=${(await describe1(instanceId)).vpcAttributes!.privateIpAddress!.ipAddress![0]}`);
    expect(output).toContain('user-data says hello from tiny-e2e');
    expect(await platform.fleet.hosts[0].imageCache.cachedImageIds()).toEqual([TINYLINUX_IMAGE_ID]);
  });

  it('stops the guest through its ACPI power button, and makes an image of the stopped instance', async () => {
    await untilConsoleShows(instanceId, 'ecs-init: ready');
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId }));
    await untilStatus(instanceId, 'Stopped');
    expect(await consoleOf(instanceId)).toContain('power button pressed, powering off');
    expect(await platform.fleet.hosts[0].driver.domainState(instanceId)).toMatchObject({ state: 'shutoff', reason: 'shutdown' });

    imageId = (await ecs.createImage(new $Ecs.CreateImageRequest({ regionId: REGION, instanceId, imageName: 'tiny-golden' }))).body!.imageId!;
    const image = await eventually(
      async () => (await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId, status: 'Creating,Available,CreateFailed' }))).body!.images!.image![0],
      (found) => found?.status !== 'Creating',
      GUEST_TIMEOUT_MS,
      `${imageId} done`,
    );
    expect(image).toMatchObject({ imageId, imageName: 'tiny-golden', status: 'Available', imageOwnerAlias: 'self', OSType: 'linux' });
  });

  it('boots the created image on the other host, which pulls it first', async () => {
    const copy = await launch(imageId, zones[1], 'tiny-copy');
    await untilStatus(copy, 'Running');
    const output = await untilConsoleShows(copy, 'ecs-init: ready');
    expect(output).toContain(`ecs-metadata: instance-id=${copy}`);
    expect(output).toContain('ecs-metadata: user-data=none');
    expect(await platform.fleet.hosts[1].imageCache.cachedImageIds()).toEqual([imageId]);
    await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: copy, force: true }));
    await untilGone(copy);
  });

  it('deletes the instances, their domains and metadata sockets, and leaves no QEMU process behind', async () => {
    await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId }));
    await untilGone(instanceId);
    await eventually(async () => (await Promise.all(platform.fleet.hosts.map((host) => host.driver.listDomains()))).flat(), (domains) => domains.length === 0, GUEST_TIMEOUT_MS, 'no domains');
    expect(existsSync(join(platform.dataDir, 'metaserver', `${instanceId}.sock`))).toBe(false);
    expect(await qemuProcesses()).toEqual([]);
  });
});

describe('an image of a stopped sim instance (all-in-one, ECS_HYPERVISOR=sim)', () => {
  let platform: TestPlatform;
  let ecs: Ecs;
  let imageSha256: string;

  beforeAll(async () => {
    const imagePath = await buildTinylinux();
    imageSha256 = (JSON.parse(readFileSync(join(dirname(imagePath), 'tinylinux.json'), 'utf8')) as { sha256: string }).sha256;
    platform = await startTestPlatform({ ECS_SIM_HOSTS: '2', ECS_SYSTEM_IMAGE_MANIFESTS: join(dirname(imagePath), 'tinylinux.json') });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => platform?.dispose());

  it('ends Available with the content of the image the instance came from, which the host now caches', async () => {
    const zoneId = platform.fleet.hosts[0].registration.zoneId;
    const { body } = await ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId, instanceType: 'ecs.c7.large', imageId: TINYLINUX_IMAGE_ID }));
    const instanceId = body!.instanceIdSets!.instanceIdSet![0];
    const statusOf = async () => (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }))).body!.instances!.instance![0]?.status;
    await eventually(statusOf, (status) => status === 'Running', 15_000, 'Running');
    expect(await platform.fleet.hosts[0].imageCache.cachedImageIds()).toEqual([]);
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId }));
    await eventually(statusOf, (status) => status === 'Stopped', 15_000, 'Stopped');

    const imageId = (await ecs.createImage(new $Ecs.CreateImageRequest({ regionId: REGION, instanceId, imageName: 'sim-golden' }))).body!.imageId!;
    await platform.images.whenIdle();
    const { body: images } = await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId, status: 'Creating,Available,CreateFailed' }));
    expect(images!.images!.image).toEqual([expect.objectContaining({ imageId, imageName: 'sim-golden', status: 'Available', imageOwnerAlias: 'self' })]);
    expect((await new ImageRepository(platform.db).get(imageId))?.blobDigest).toBe(imageSha256);
    expect(await platform.fleet.hosts[0].imageCache.cachedImageIds()).toEqual([TINYLINUX_IMAGE_ID]);
  });
});
