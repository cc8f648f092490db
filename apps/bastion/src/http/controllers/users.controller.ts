import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import type { Principal } from '../../identity/principal';
import { SetHostGroup } from '../../use-cases/groups/set-host-group.use-case';
import { SetUserGroup } from '../../use-cases/groups/set-user-group.use-case';
import { CreateUser } from '../../use-cases/users/create-user.use-case';
import { ListUsers } from '../../use-cases/users/list-users.use-case';
import { ResetTotp } from '../../use-cases/users/reset-totp.use-case';
import { UnlockUser } from '../../use-cases/users/unlock-user.use-case';
import { Access, CurrentPrincipal } from '../access.guard';

@Controller('bastion/v1')
@Access('admin')
export class UsersController {
  constructor(
    @Inject(CreateUser) private readonly createUser: CreateUser,
    @Inject(ListUsers) private readonly listUsers: ListUsers,
    @Inject(UnlockUser) private readonly unlockUser: UnlockUser,
    @Inject(ResetTotp) private readonly resetTotp: ResetTotp,
    @Inject(SetUserGroup) private readonly setUserGroup: SetUserGroup,
    @Inject(SetHostGroup) private readonly setHostGroup: SetHostGroup,
  ) {}

  @Post('users')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) { return this.createUser.execute(principal, body); }

  @Get('users')
  list() { return this.listUsers.execute(); }

  @Post('users/:username/unlock') @HttpCode(200)
  unlock(@CurrentPrincipal() principal: Principal, @Param('username') username: string) { return this.unlockUser.execute(principal, username); }

  @Post('users/:username/reset-totp') @HttpCode(200)
  reset(@CurrentPrincipal() principal: Principal, @Param('username') username: string) { return this.resetTotp.execute(principal, username); }

  @Put('user-groups/:name')
  userGroup(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Body() body: unknown) { return this.setUserGroup.execute(principal, name, body); }

  @Put('host-groups/:name')
  hostGroup(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Body() body: unknown) { return this.setHostGroup.execute(principal, name, body); }
}
