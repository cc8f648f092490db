import { dirname, join } from 'node:path';
import type Ecs from '@alicloud/ecs20140526';
import { IDENTITY_PUBLIC_KEY_PATH } from '@ecs/contracts';
import { killAll, processesMentioning } from '../qemu/qemu-processes';
import { buildTinylinux, TINYLINUX_IMAGE_ID } from '../qemu/tinylinux-image';
import { qcow2Image } from '../images/support/disk-images';
import { SourceServer } from '../images/support/source-server';
import { startTestCluster, type TestCluster } from '../support/cluster-harness';
import { eventually } from '../support/platform-harness';
import { GUEST_TIMEOUT_MS, guestTenant } from '../support/guest-tenant';
import { $Ecs, ecsClient, errorOf } from '../support/sdk-clients';

/**
 * Real guests on the local cluster (ECS_HYPERVISOR=qemu, two hosts), driven only through the
 * official SDK: every component its own process, the image center and each host's metaserver
 * included. A tinylinux guest pulls its image from the image center, boots, fetches its own id and
 * its user-data script from its host's metaserver (which reads control over HTTP), and prints both
 * on the console that GetInstanceConsoleOutput reads from its host agent through control. An image
 * of the stopped guest (its disk streamed agent → control → image center) boots on the other host;
 * an import from a loopback URL the operator allowed becomes Available, one it did not is refused
 * with the image center's ECS error intact.
 */
const BUILD_TIMEOUT_MS = 20 * 60_000;
jest.setTimeout(300_000);

const REGION = 'cn-hangzhou';
const USER_DATA = '#!/bin/sh\necho "user-data says hello from $(hostname) on the cluster"\n';

describe('real guests on the local cluster (ECS_HYPERVISOR=qemu)', () => {
  let env: TestCluster;
  let ecs: Ecs;
  let source: SourceServer;
  let sourceUrl: string;
  let zones: [string, string];
  let instanceId: string;
  let createdImageId: string;

  const { imageOf, untilStatus, untilConsoleShows, untilImageSettled, untilGone, launch } = guestTenant(() => ecs, REGION);
  const deleteAndWait = async (id: string) => {
    await ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: id, force: true }));
    await untilGone(id);
  };

  beforeAll(async () => {
    const imagePath = await buildTinylinux();
    source = new SourceServer({ '/tiny.qcow2': { body: qcow2Image() } });
    sourceUrl = await source.start();
    env = await startTestCluster({
      hosts: 2,
      env: {
        ECS_HYPERVISOR: 'qemu',
        ECS_SYSTEM_IMAGE_MANIFESTS: join(dirname(imagePath), 'tinylinux.json'),
        ECS_TASK_DEADLINE_MS: String(GUEST_TIMEOUT_MS),
        ECS_IMAGE_IMPORT_ALLOWED_CIDRS: '127.0.0.1/32',
      },
    });
    ecs = ecsClient(env.gatewayUrl, env.credentials);
    const hosts = env.cluster.specs().filter((s) => s.role === 'host-agent');
    zones = hosts.map((s) => s.env.ECS_ZONE_ID) as [string, string];
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    // Only for a failed run: guests outlive their agents, and a passing run has deleted them.
    if (env) killAll(await processesMentioning(env.dataDir));
    await env?.dispose();
    await source?.stop();
  });

  it('runs the image center and a metaserver beside each host agent, all signing with the region key', async () => {
    const roles = env.cluster.specs().map((s) => s.role);
    expect(roles.filter((role) => role === 'image-center')).toHaveLength(1);
    const metaservers = env.cluster.specs().filter((s) => s.role === 'metaserver');
    expect(metaservers).toHaveLength(2);
    // One published key verifies every host's identity documents.
    const keys = await Promise.all(metaservers.map(async (s) => (await fetch(`http://127.0.0.1:${s.port}${IDENTITY_PUBLIC_KEY_PATH}`)).text()));
    expect(keys[0]).toContain('BEGIN PUBLIC KEY');
    expect(new Set(keys).size).toBe(1);
  });

  it('offers the tinylinux image, registered by the image center from its build manifest', async () => {
    expect(await imageOf(TINYLINUX_IMAGE_ID)).toMatchObject({ imageId: TINYLINUX_IMAGE_ID, status: 'Available', imageOwnerAlias: 'system', OSType: 'linux' });
  });

  it("boots a guest that prints its own instance id from its host's metaserver and runs the tenant's user-data", async () => {
    instanceId = await launch(TINYLINUX_IMAGE_ID, zones[0], 'tiny-cluster', USER_DATA);
    await untilStatus(instanceId, 'Running');
    const output = await untilConsoleShows(instanceId, 'ecs-metadata: user-data-exit=0');
    expect(output).toContain(`ecs-metadata: instance-id=${instanceId}`);
    expect(output).toContain('ecs-metadata: hostname=tiny-cluster');
    expect(output).toContain('user-data says hello from tiny-cluster on the cluster');
  });

  it('makes an image of the stopped guest, its disk streamed from the host agent, which boots on the other host', async () => {
    await untilConsoleShows(instanceId, 'ecs-init: ready');
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId }));
    await untilStatus(instanceId, 'Stopped');
    createdImageId = (await ecs.createImage(new $Ecs.CreateImageRequest({ regionId: REGION, instanceId, imageName: 'tiny-cluster-golden' }))).body!.imageId!;
    expect(await untilImageSettled(createdImageId)).toMatchObject({ imageId: createdImageId, imageName: 'tiny-cluster-golden', status: 'Available', imageOwnerAlias: 'self' });

    const copy = await launch(createdImageId, zones[1], 'tiny-copy');
    await untilStatus(copy, 'Running');
    const output = await untilConsoleShows(copy, 'ecs-init: ready');
    expect(output).toContain(`ecs-metadata: instance-id=${copy}`);
    expect(output).toContain('ecs-metadata: user-data=none');
    await deleteAndWait(copy);
  });

  it('imports from a loopback URL the operator allowed, and refuses one it did not with the ECS error', async () => {
    const { imageId } = (
      await ecs.importImage(
        new $Ecs.ImportImageRequest({
          regionId: REGION,
          imageName: 'cluster-import',
          OSType: 'linux',
          platform: 'Ubuntu',
          architecture: 'x86_64',
          diskDeviceMapping: [new $Ecs.ImportImageRequestDiskDeviceMapping({ OSSObject: `${sourceUrl}/tiny.qcow2`, format: 'QCOW2' })],
        }),
      )
    ).body!;
    expect(await untilImageSettled(imageId!)).toMatchObject({ imageId, imageName: 'cluster-import', status: 'Available', platform: 'Ubuntu', imageOwnerAlias: 'self' });
    expect(source.requests).toContain('/tiny.qcow2');

    const refused = await errorOf(
      ecs.importImage(new $Ecs.ImportImageRequest({ regionId: REGION, diskDeviceMapping: [new $Ecs.ImportImageRequestDiskDeviceMapping({ OSSObject: 'http://127.0.0.2:80/disk.raw' })] })),
    );
    expect(refused.code).toBe('OperationDenied.ImportSource');
    expect(refused.data).toMatchObject({ Code: 'OperationDenied.ImportSource', RequestId: expect.any(String) });

    await ecs.deleteImage(new $Ecs.DeleteImageRequest({ regionId: REGION, imageId }));
    expect(await imageOf(imageId!)).toBeUndefined();
    expect((await errorOf(ecs.deleteImage(new $Ecs.DeleteImageRequest({ regionId: REGION, imageId })))).code).toBe('InvalidImageId.NotFound');
  });

  it('deletes the guest and leaves no QEMU process behind', async () => {
    await deleteAndWait(instanceId);
    await eventually(() => processesMentioning(env.dataDir), (pids) => pids.length === 0, GUEST_TIMEOUT_MS, 'no QEMU process left');
  });
});
