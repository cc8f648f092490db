import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AccountRepository } from '@ecs/persistence';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Requires } from '../auth/roles';
import { CreateAccountUseCase } from './create-account.use-case';
import { IssueAccessKeyUseCase } from './issue-access-key.use-case';
import { RotateAccessKeyUseCase } from './rotate-access-key.use-case';
import { SetAccessKeyEnabledUseCase } from './set-access-key-enabled.use-case';

/** Tenant accounts and AccessKeys (also the admin CLI's routes, under /admin/v1). Secrets leave only at creation. */
@Controller('v1')
export class AccountsController {
  constructor(
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
    @Inject(CreateAccountUseCase) private readonly createAccount: CreateAccountUseCase,
    @Inject(IssueAccessKeyUseCase) private readonly issueKey: IssueAccessKeyUseCase,
    @Inject(SetAccessKeyEnabledUseCase) private readonly keyEnabled: SetAccessKeyEnabledUseCase,
    @Inject(RotateAccessKeyUseCase) private readonly rotateKey: RotateAccessKeyUseCase,
  ) {}

  @Get('accounts') @Requires('viewer')
  list() { return this.accounts.listAccounts(); }

  @Post('accounts') @Requires('super_admin')
  create(@CurrentActor() actor: Actor, @Body() body: unknown) { return this.createAccount.execute(actor, body); }

  @Post('accounts/:accountId/access-keys') @Requires('super_admin')
  issue(@CurrentActor() actor: Actor, @Param('accountId') accountId: string) { return this.issueKey.execute(actor, accountId); }

  @Post('access-keys/:id/disable') @HttpCode(200) @Requires('super_admin')
  disable(@CurrentActor() actor: Actor, @Param('id') id: string) { return this.keyEnabled.execute(actor, id, false); }

  @Post('access-keys/:id/enable') @HttpCode(200) @Requires('super_admin')
  enable(@CurrentActor() actor: Actor, @Param('id') id: string) { return this.keyEnabled.execute(actor, id, true); }

  @Post('access-keys/:id/rotate') @HttpCode(200) @Requires('super_admin')
  rotate(@CurrentActor() actor: Actor, @Param('id') id: string) { return this.rotateKey.execute(actor, id); }
}
