import { $Ecs, ecsClient } from '../../support/sdk-clients';
import { eventually, type TestPlatform } from '../../support/platform-harness';

/** A running tenant instance, launched through the tenant API, and the sim host it landed on. */
export async function launchInstance(platform: TestPlatform, userData: string): Promise<{ instanceId: string; hostId: string }> {
  const ecs = ecsClient(platform.gatewayUrl, platform.credentials);
  const { body } = await ecs.runInstances(
    new $Ecs.RunInstancesRequest({ regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.large', imageId: 'aliyun_3_x64_20G_alibase_20241103.vhd', userData: Buffer.from(userData).toString('base64') }),
  );
  const instanceId = body!.instanceIdSets!.instanceIdSet![0];
  return eventually(
    async () => {
      for (const host of platform.fleet.hosts) {
        const domain = (await host.driver.listDomains()).find((d) => d.instanceId === instanceId);
        if (domain?.state === 'running') return { instanceId, hostId: host.registration.hostId };
      }
      return undefined;
    },
    (found): found is { instanceId: string; hostId: string } => found !== undefined,
    15_000,
    `${instanceId} running on a host`,
  ) as Promise<{ instanceId: string; hostId: string }>;
}

export async function domainState(platform: TestPlatform, hostId: string, instanceId: string): Promise<string> {
  const host = platform.fleet.hosts.find((h) => h.registration.hostId === hostId)!;
  return (await host.driver.domainState(instanceId)).state;
}
