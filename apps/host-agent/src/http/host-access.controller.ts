import { Body, Controller, HttpCode, Inject, Post, type StreamableFile } from '@nestjs/common';
import { HOST_CONSOLE_ROUTE, HOST_DISK_ROUTE, type ConsoleOutputAnswer, type InstanceRequest } from '@ecs/contracts';
import { HostAccess } from './host-access';

/** Reads for control: GetInstanceConsoleOutput's console, CreateImage's disk. */
@Controller()
export class HostAccessController {
  constructor(@Inject(HostAccess) private readonly access: HostAccess) {}

  @Post(HOST_CONSOLE_ROUTE)
  @HttpCode(200)
  consoleOutput(@Body() request: InstanceRequest): Promise<ConsoleOutputAnswer> {
    return this.access.consoleOutput(request.instanceId);
  }

  @Post(HOST_DISK_ROUTE)
  @HttpCode(200)
  disk(@Body() request: InstanceRequest): Promise<StreamableFile> {
    return this.access.disk(request.instanceId);
  }
}
