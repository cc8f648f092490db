import type { InstanceTag } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { optionalDescription, optionalHostName, optionalInstanceName } from '../../params/ecs-names';
import { repeatedList } from '../../params/lists';
import { assertSecurityGroupId, optionalDeploymentSetId, optionalSecurityGroupId, optionalVSwitchId } from '../../params/resource-ids';
import { optionalBoolean, optionalInteger, optionalString, requiredString, type Params } from '../../params/scalars';
import { parseTags } from '../../params/tags';
import { optionalUserData } from '../../params/user-data';

export type LaunchOperation = 'RunInstances' | 'CreateInstance';

/** RunInstances / CreateInstance parameters, checked for shape; the catalog checks come next. */
export interface LaunchRequest {
  readonly operation: LaunchOperation;
  readonly zoneId: string | undefined;
  readonly instanceType: string;
  readonly imageId: string;
  readonly amount: number;
  readonly minAmount: number;
  readonly instanceName: string | undefined;
  readonly hostName: string | undefined;
  readonly description: string | undefined;
  readonly userData: string | undefined;
  readonly tags: readonly InstanceTag[];
  readonly vSwitchId: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly deploymentSetId: string | undefined;
  /** Absent: ECS's default, the larger of 40 GiB and the image size. */
  readonly systemDiskSizeGiB: number | undefined;
  readonly clientToken: string | undefined;
  readonly dryRun: boolean;
}

export const MAX_AMOUNT = 100;
const MAX_SECURITY_GROUPS = 16;
const SYSTEM_DISK_SIZE = { min: 20, max: 2048 };
// ECS: at most 64 ASCII characters.
const CLIENT_TOKEN = /^[\x20-\x7e]{1,64}$/;

export function parseLaunchRequest(params: Params, operation: LaunchOperation): LaunchRequest {
  const { amount, minAmount } = operation === 'RunInstances' ? amounts(params) : { amount: 1, minAmount: 1 };
  return {
    operation,
    zoneId: optionalString(params, 'ZoneId'),
    instanceType: requiredString(params, 'InstanceType'),
    imageId: requiredString(params, 'ImageId'),
    amount,
    minAmount,
    instanceName: optionalInstanceName(params),
    hostName: optionalHostName(params),
    description: optionalDescription(params),
    userData: optionalUserData(params),
    tags: parseTags(params, 'assign'),
    vSwitchId: optionalVSwitchId(params),
    securityGroupIds: securityGroupIds(params, operation),
    deploymentSetId: optionalDeploymentSetId(params),
    systemDiskSizeGiB: optionalInteger(params, 'SystemDisk.Size', SYSTEM_DISK_SIZE),
    clientToken: clientToken(params),
    dryRun: optionalBoolean(params, 'DryRun') ?? false,
  };
}

function amounts(params: Params): { amount: number; minAmount: number } {
  const amount = optionalInteger(params, 'Amount', { min: 1, max: MAX_AMOUNT }) ?? 1;
  const minAmount = optionalInteger(params, 'MinAmount', { min: 1, max: MAX_AMOUNT }) ?? amount;
  if (minAmount > amount) throw EcsError.invalid('MinAmount', 'must not be greater than Amount');
  return { amount, minAmount };
}

/** RunInstances takes one group as `SecurityGroupId` or several as `SecurityGroupIds.N`, never both. */
function securityGroupIds(params: Params, operation: LaunchOperation): string[] {
  const single = optionalSecurityGroupId(params);
  if (operation === 'CreateInstance') return single === undefined ? [] : [single];
  const many = repeatedList(params, 'SecurityGroupIds', MAX_SECURITY_GROUPS).map((id) => assertSecurityGroupId('SecurityGroupIds.N', id));
  if (single !== undefined && many.length > 0) {
    throw EcsError.invalid('SecurityGroupIds', 'SecurityGroupId and SecurityGroupIds.N cannot be specified together');
  }
  return single === undefined ? many : [single];
}

function clientToken(params: Params): string | undefined {
  const token = optionalString(params, 'ClientToken');
  if (token !== undefined && !CLIENT_TOKEN.test(token)) throw EcsError.invalid('ClientToken', 'must be at most 64 ASCII characters');
  return token;
}
