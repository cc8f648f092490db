/** The one product version this proxy serves: the ECS RPC API. */
export const ECS_API_VERSION = '2014-05-26';

/**
 * How an action finds its region:
 * - `global`: the same answer everywhere (DescribeRegions); any region may serve it.
 * - `regional`: the request names its region in RegionId, which is required.
 * - `instance`: the SDK sends no RegionId (StartInstance …): the request goes to the region it names,
 *   or else to the region that holds the instance.
 */
export type ActionScope = 'global' | 'regional' | 'instance';

/** Every ECS action the platform answers, by how it is routed. An action not listed here does not exist. */
export const ECS_ACTION_SCOPES: Readonly<Record<string, ActionScope>> = {
  DescribeRegions: 'global',
  DescribeInstanceTypes: 'global',
  DescribeZones: 'regional',
  DescribeInstanceTypeFamilies: 'regional',
  DescribeImages: 'regional',
  DescribeAvailableResource: 'regional',
  DescribePrice: 'regional',
  RunInstances: 'regional',
  CreateInstance: 'regional',
  StartInstances: 'regional',
  StopInstances: 'regional',
  RebootInstances: 'regional',
  DeleteInstances: 'regional',
  DescribeInstances: 'regional',
  DescribeInstanceStatus: 'regional',
  StartInstance: 'instance',
  StopInstance: 'instance',
  RebootInstance: 'instance',
  DeleteInstance: 'instance',
  DescribeInstanceAttribute: 'instance',
  ModifyInstanceAttribute: 'instance',
  ModifyInstanceSpec: 'instance',
  CreateDeploymentSet: 'regional',
  DescribeDeploymentSets: 'regional',
  DeleteDeploymentSet: 'regional',
  ImportImage: 'regional',
  CreateImage: 'regional',
  CopyImage: 'regional',
  DeleteImage: 'regional',
  ModifyImageAttribute: 'regional',
  GetInstanceConsoleOutput: 'regional',
};
