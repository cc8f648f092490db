import { DescribeAvailableResourceHandler } from './catalog/describe-available-resource.handler';
import { DescribePriceHandler } from './catalog/describe-price.handler';
import { DescribeImagesHandler } from './catalog/describe-images.handler';
import { DescribeInstanceTypeFamiliesHandler } from './catalog/describe-instance-type-families.handler';
import { DescribeInstanceTypesHandler } from './catalog/describe-instance-types.handler';
import { DescribeRegionsHandler } from './catalog/describe-regions.handler';
import { DescribeZonesHandler } from './catalog/describe-zones.handler';
import { CreateInstanceHandler } from './instances/create-instance.handler';
import { DescribeInstanceAttributeHandler } from './instances/describe-instance-attribute.handler';
import { DescribeInstanceStatusHandler } from './instances/describe-instance-status.handler';
import { DescribeInstancesHandler } from './instances/describe-instances.handler';
import { ModifyInstanceAttributeHandler } from './instances/modify-instance-attribute.handler';
import { DeleteInstanceHandler } from './instances/power/delete-instance.handler';
import { DeleteInstancesHandler } from './instances/power/delete-instances.handler';
import { RebootInstanceHandler } from './instances/power/reboot-instance.handler';
import { RebootInstancesHandler } from './instances/power/reboot-instances.handler';
import { StartInstanceHandler } from './instances/power/start-instance.handler';
import { StartInstancesHandler } from './instances/power/start-instances.handler';
import { StopInstanceHandler } from './instances/power/stop-instance.handler';
import { StopInstancesHandler } from './instances/power/stop-instances.handler';
import { RunInstancesHandler } from './instances/run-instances.handler';
import { ModifyInstanceSpecHandler } from './instances/modify-instance-spec.handler';
import { CreateDeploymentSetHandler } from './deployment-sets/create-deployment-set.handler';
import { DeleteDeploymentSetHandler } from './deployment-sets/delete-deployment-set.handler';
import { DescribeDeploymentSetsHandler } from './deployment-sets/describe-deployment-sets.handler';
import { imageActionHandlers } from './images/image-action-handlers';
import type { TenantActionHandler, TenantApiDeps } from './tenant-action';

/** Every tenant action this business layer answers. */
export function tenantActionHandlers(deps: TenantApiDeps): TenantActionHandler[] {
  return [
    new DescribeRegionsHandler(deps),
    new DescribeZonesHandler(deps),
    new DescribeInstanceTypesHandler(deps),
    new DescribeInstanceTypeFamiliesHandler(deps),
    new DescribeImagesHandler(deps),
    new DescribeAvailableResourceHandler(deps),
    new DescribePriceHandler(deps),
    new RunInstancesHandler(deps),
    new CreateInstanceHandler(deps),
    new StartInstanceHandler(deps),
    new StartInstancesHandler(deps),
    new StopInstanceHandler(deps),
    new StopInstancesHandler(deps),
    new RebootInstanceHandler(deps),
    new RebootInstancesHandler(deps),
    new DeleteInstanceHandler(deps),
    new DeleteInstancesHandler(deps),
    new DescribeInstancesHandler(deps),
    new DescribeInstanceStatusHandler(deps),
    new DescribeInstanceAttributeHandler(deps),
    new ModifyInstanceAttributeHandler(deps),
    new ModifyInstanceSpecHandler(deps),
    new CreateDeploymentSetHandler(deps),
    new DescribeDeploymentSetsHandler(deps),
    new DeleteDeploymentSetHandler(deps),
    ...imageActionHandlers(deps),
  ];
}
