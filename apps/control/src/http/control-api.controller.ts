import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import {
  CONTROL_API,
  CONTROL_ROUTES,
  type ControlApi,
  type CreateDeploymentSetCommand,
  type DeleteDeploymentSetRequest,
  type DeploymentSetQuery,
  type DeploymentSetView,
  type InstanceActionCommand,
  type InstanceActionResult,
  type InstancePage,
  type InstanceQuery,
  type LaunchInstancesCommand,
  type LaunchInstancesResult,
  type ModifyInstanceAttributeCommand,
  type ModifyInstanceSpecCommand,
  type StockRequest,
  type ZoneTypeStock,
} from '@ecs/contracts';

/** ControlApi over HTTP for the business layer: one route per method (libs/contracts CONTROL_ROUTES). */
@Controller()
export class ControlApiController {
  constructor(@Inject(CONTROL_API) private readonly control: ControlApi) {}

  @Post(CONTROL_ROUTES.launchInstances)
  @HttpCode(200)
  launchInstances(@Body() command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    return this.control.launchInstances(command);
  }

  @Post(CONTROL_ROUTES.actOnInstances)
  @HttpCode(200)
  actOnInstances(@Body() command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    return this.control.actOnInstances(command);
  }

  @Post(CONTROL_ROUTES.describeInstances)
  @HttpCode(200)
  describeInstances(@Body() query: InstanceQuery): Promise<InstancePage> {
    return this.control.describeInstances(query);
  }

  @Post(CONTROL_ROUTES.modifyInstanceAttribute)
  @HttpCode(204)
  modifyInstanceAttribute(@Body() command: ModifyInstanceAttributeCommand): Promise<void> {
    return this.control.modifyInstanceAttribute(command);
  }

  @Post(CONTROL_ROUTES.modifyInstanceSpec)
  @HttpCode(204)
  modifyInstanceSpec(@Body() command: ModifyInstanceSpecCommand): Promise<void> {
    return this.control.modifyInstanceSpec(command);
  }

  @Post(CONTROL_ROUTES.stock)
  @HttpCode(200)
  stock(@Body() request: StockRequest): Promise<ZoneTypeStock[]> {
    return this.control.stock(request.regionId);
  }

  @Post(CONTROL_ROUTES.createDeploymentSet)
  @HttpCode(200)
  createDeploymentSet(@Body() command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    return this.control.createDeploymentSet(command);
  }

  @Post(CONTROL_ROUTES.describeDeploymentSets)
  @HttpCode(200)
  describeDeploymentSets(@Body() query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    return this.control.describeDeploymentSets(query);
  }

  @Post(CONTROL_ROUTES.deleteDeploymentSet)
  @HttpCode(204)
  deleteDeploymentSet(@Body() request: DeleteDeploymentSetRequest): Promise<void> {
    return this.control.deleteDeploymentSet(request.accountId, request.regionId, request.deploymentSetId);
  }
}
