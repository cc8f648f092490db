import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { IssueConnectionToken } from '../../use-cases/connect/issue-connection-token.use-case';
import { ListReachableHosts } from '../../use-cases/connect/list-reachable-hosts.use-case';
import { Access, CurrentUsername } from '../access.guard';

@Controller('bastion/v1')
@Access('user')
export class ConnectController {
  constructor(
    @Inject(ListReachableHosts) private readonly reachable: ListReachableHosts,
    @Inject(IssueConnectionToken) private readonly issue: IssueConnectionToken,
  ) {}

  @Get('hosts')
  hosts(@CurrentUsername() username: string) { return this.reachable.execute(username); }

  @Post('connections') @HttpCode(201)
  connect(@CurrentUsername() username: string, @Body() body: unknown) { return this.issue.execute(username, body); }
}
