import { EcsError } from '@ecs/domain';
import { optionalString, type Params } from './scalars';

/**
 * Format checks only: whether the VSwitch, security group or deployment set exists and belongs to
 * the caller is for the networking and placement services to say.
 */
const RESOURCE_ID_SUFFIX = '[a-z0-9]{1,64}';
const VSWITCH_ID = new RegExp(`^vsw-${RESOURCE_ID_SUFFIX}$`);
const SECURITY_GROUP_ID = new RegExp(`^sg-${RESOURCE_ID_SUFFIX}$`);
const DEPLOYMENT_SET_ID = new RegExp(`^ds-${RESOURCE_ID_SUFFIX}$`);

export function isVSwitchId(value: string): boolean {
  return VSWITCH_ID.test(value);
}

export function isSecurityGroupId(value: string): boolean {
  return SECURITY_GROUP_ID.test(value);
}

export function isDeploymentSetId(value: string): boolean {
  return DEPLOYMENT_SET_ID.test(value);
}

export function optionalVSwitchId(params: Params): string | undefined {
  return checked(params, 'VSwitchId', isVSwitchId, 'is not a well-formed VSwitch ID (vsw-…)');
}

export function optionalSecurityGroupId(params: Params): string | undefined {
  return checked(params, 'SecurityGroupId', isSecurityGroupId, 'is not a well-formed security group ID (sg-…)');
}

export function optionalDeploymentSetId(params: Params): string | undefined {
  return checked(params, 'DeploymentSetId', isDeploymentSetId, 'is not a well-formed deployment set ID (ds-…)');
}

/** For values already taken from the request, e.g. the items of `SecurityGroupIds.N`. */
export function assertSecurityGroupId(name: string, value: string): string {
  if (!isSecurityGroupId(value)) throw EcsError.invalid(name, 'is not a well-formed security group ID (sg-…)');
  return value;
}

function checked(params: Params, name: string, isValid: (value: string) => boolean, why: string): string | undefined {
  const value = optionalString(params, name);
  if (value !== undefined && !isValid(value)) throw EcsError.invalid(name, why);
  return value;
}
