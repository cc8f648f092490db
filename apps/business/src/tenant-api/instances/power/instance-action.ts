import type { ControlApi, InstanceActionCommand, InstanceActionResult } from '@ecs/contracts';
import { ECS_ERRORS, EcsError, type EcsErrorCode } from '@ecs/domain';
import { repeatedList } from '../../params/lists';
import { optionalEnum, type Params } from '../../params/scalars';

export const MAX_BATCH_INSTANCES = 100;
const BATCH_MODES = ['AllTogether', 'SuccessFirst'] as const;
const SUCCESS = '200';

export type BatchMode = (typeof BATCH_MODES)[number];

/** `InstanceId.N`, N from 1 to 100; at least one. */
export function batchInstanceIds(params: Params): string[] {
  const ids = repeatedList(params, 'InstanceId', MAX_BATCH_INSTANCES);
  if (ids.length === 0) throw EcsError.missing('InstanceId.1');
  if (new Set(ids).size !== ids.length) throw EcsError.invalid('InstanceId.N', 'contains the same instance more than once');
  return ids;
}

/** ECS `BatchOptimization`, AllTogether unless asked otherwise. */
export function batchMode(params: Params): BatchMode {
  return optionalEnum(params, 'BatchOptimization', BATCH_MODES) ?? 'AllTogether';
}

/**
 * Runs a batch action. With AllTogether a single failed precheck fails the whole call, so ECS answers
 * with that instance's error instead of a per-instance list.
 */
export async function actOnInstances(control: ControlApi, command: InstanceActionCommand): Promise<InstanceActionResult[]> {
  const results = await control.actOnInstances(command);
  const failed = results.find((result) => result.code !== SUCCESS);
  if (failed !== undefined && command.batchMode === 'AllTogether') throw errorOf(failed);
  return results;
}

/** A single-instance action (StartInstance …): the instance's failure is the call's error. */
export async function actOnInstance(
  control: ControlApi,
  command: Omit<InstanceActionCommand, 'instanceIds' | 'batchMode'> & { readonly instanceId: string },
): Promise<void> {
  const { instanceId, ...rest } = command;
  const results = await control.actOnInstances({ ...rest, instanceIds: [instanceId], batchMode: 'AllTogether' });
  const result = results.find((candidate) => candidate.instanceId === instanceId);
  if (result === undefined) throw new EcsError('InternalError', `Control returned no result for ${instanceId}.`);
  if (result.code !== SUCCESS) throw errorOf(result);
}

/** The ECS batch response: `InstanceResponses.InstanceResponse[]`. */
export function instanceResponses(results: readonly InstanceActionResult[]): Record<string, unknown> {
  return {
    InstanceResponses: {
      InstanceResponse: results.map((result) => ({
        InstanceId: result.instanceId,
        Code: result.code,
        Message: result.message,
        PreviousStatus: result.previousStatus,
        CurrentStatus: result.currentStatus,
      })),
    },
  };
}

function errorOf(result: InstanceActionResult): EcsError {
  if (isEcsErrorCode(result.code)) return new EcsError(result.code, result.message || undefined);
  return new EcsError('InternalError', `${result.instanceId}: ${result.code} ${result.message}`);
}

function isEcsErrorCode(code: string): code is EcsErrorCode {
  return Object.hasOwn(ECS_ERRORS, code);
}
