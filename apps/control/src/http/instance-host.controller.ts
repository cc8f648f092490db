import { Body, Controller, HttpCode, Inject, Post, type StreamableFile } from '@nestjs/common';
import { INSTANCE_CONSOLE_ROUTE, INSTANCE_DISK_ROUTE, INSTANCE_METADATA_ROUTE, type ConsoleOutputAnswer, type InstanceMetadataAnswer, type InstanceRequest } from '@ecs/contracts';
import { InstanceHostAccess } from './instance-host-access';

/** Metadata for metaservers, consoles for the business layer, disks for the image center. */
@Controller()
export class InstanceHostController {
  constructor(@Inject(InstanceHostAccess) private readonly access: InstanceHostAccess) {}

  @Post(INSTANCE_METADATA_ROUTE)
  @HttpCode(200)
  metadata(@Body() request: InstanceRequest): Promise<InstanceMetadataAnswer> {
    return this.access.metadata(request.instanceId);
  }

  @Post(INSTANCE_CONSOLE_ROUTE)
  @HttpCode(200)
  consoleOutput(@Body() request: InstanceRequest): Promise<ConsoleOutputAnswer> {
    return this.access.consoleOutput(request.instanceId);
  }

  @Post(INSTANCE_DISK_ROUTE)
  @HttpCode(200)
  disk(@Body() request: InstanceRequest): Promise<StreamableFile> {
    return this.access.disk(request.instanceId);
  }
}
