import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OPS_SHELL_ROUTES, type OpsCloseRequest, type OpsOpenAnswer, type OpsOpenRequest, type OpsRunAnswer, type OpsRunRequest } from '@ecs/contracts';
import { OpsShellSessions } from './ops-shell-sessions';

/** The host's ops shell for the bastion: open with a signed credential, run lines, close. */
@Controller()
export class OpsShellController {
  constructor(@Inject(OpsShellSessions) private readonly sessions: OpsShellSessions) {}

  @Post(OPS_SHELL_ROUTES.open)
  @HttpCode(200)
  open(@Body() request: OpsOpenRequest): Promise<OpsOpenAnswer> {
    return this.sessions.open(request);
  }

  @Post(OPS_SHELL_ROUTES.run)
  @HttpCode(200)
  run(@Body() request: OpsRunRequest): Promise<OpsRunAnswer> {
    return this.sessions.run(request);
  }

  @Post(OPS_SHELL_ROUTES.close)
  @HttpCode(200)
  close(@Body() request: OpsCloseRequest): Promise<void> {
    return this.sessions.close(request);
  }
}
