import type { ApiCall, ApiResult, ConsoleOutputReader } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { optionalBoolean, requiredString } from '../params/scalars';
import { ecsSecondTime } from '../shape/ecs-time';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { removeConsoleSymbols } from './console-symbols';

/**
 * GetInstanceConsoleOutput: the tail of the instance's serial console, Base64-encoded. An instance
 * that has no domain on a host (never started, or its host is gone) has an empty console.
 */
export class GetInstanceConsoleOutputHandler implements TenantActionHandler {
  readonly action = 'GetInstanceConsoleOutput';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly consoles: ConsoleOutputReader,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceId = requiredString(call.params, 'InstanceId');
    const removeSymbols = optionalBoolean(call.params, 'RemoveSymbols') ?? false;
    const page = await this.deps.control.describeInstances({ accountId: call.caller.accountId, regionId: this.deps.regionId, instanceIds: [instanceId], pageNumber: 1, pageSize: 1 });
    const instance = page.instances.find((candidate) => candidate.instanceId === instanceId);
    if (instance === undefined) throw new EcsError('InvalidInstanceId.NotFound');
    const console = await this.consoles.consoleOutput(instanceId);
    const text = console === undefined ? '' : removeSymbols ? removeConsoleSymbols(console.output) : console.output;
    return {
      InstanceId: instanceId,
      ConsoleOutput: Buffer.from(text, 'utf8').toString('base64'),
      LastUpdateTime: ecsSecondTime(console?.lastUpdateTime ?? instance.startTime ?? instance.creationTime),
    };
  }
}
