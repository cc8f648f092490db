import type Ecs from '@alicloud/ecs20140526';
import { eventually } from './platform-harness';
import { $Ecs } from './sdk-clients';

/** TCG boots the tinylinux guest in 3–6 s on two cores; the margin is for a loaded CI machine. */
export const GUEST_TIMEOUT_MS = 120_000;

/**
 * What the real-guest suites do as a tenant through the official SDK: launch, wait for a status,
 * read the serial console, follow an image to a settled status. `ecs` is read at each call, so a
 * suite may hand over a client it creates in its beforeAll.
 */
export function guestTenant(ecs: () => Ecs, regionId: string) {
  const describe1 = async (id: string) => (await ecs().describeInstances(new $Ecs.DescribeInstancesRequest({ regionId, instanceIds: JSON.stringify([id]) }))).body!.instances!.instance![0];
  const consoleOf = async (id: string) => {
    const { body } = await ecs().getInstanceConsoleOutput(new $Ecs.GetInstanceConsoleOutputRequest({ regionId, instanceId: id }));
    expect(body!.instanceId).toBe(id);
    return Buffer.from(body!.consoleOutput!, 'base64').toString('utf8');
  };
  const imageOf = async (imageId: string) =>
    (await ecs().describeImages(new $Ecs.DescribeImagesRequest({ regionId, imageId, status: 'Creating,Available,CreateFailed' }))).body!.images!.image![0];
  return {
    describe1,
    consoleOf,
    imageOf,
    untilStatus: (id: string, status: string) => eventually(() => describe1(id), (instance) => instance?.status === status, GUEST_TIMEOUT_MS, `${id} ${status}`),
    untilConsoleShows: (id: string, text: string) => eventually(() => consoleOf(id), (output) => output.includes(text), GUEST_TIMEOUT_MS, `console of ${id} to show '${text}'`),
    untilGone: (id: string) => eventually(() => describe1(id), (instance) => instance === undefined, GUEST_TIMEOUT_MS, `${id} deleted`),
    untilImageSettled: (imageId: string) => eventually(() => imageOf(imageId), (image) => image !== undefined && image.status !== 'Creating', GUEST_TIMEOUT_MS, `${imageId} settled`),
    launch: async (imageId: string, zoneId: string, hostName: string, userData?: string) => {
      const { body } = await ecs().runInstances(
        new $Ecs.RunInstancesRequest({ regionId, zoneId, instanceType: 'ecs.c7.large', imageId, hostName, ...(userData !== undefined && { userData: Buffer.from(userData).toString('base64') }) }),
      );
      return body!.instanceIdSets!.instanceIdSet![0];
    },
  };
}
