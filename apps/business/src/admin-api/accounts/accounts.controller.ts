import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { AccountAdminService } from './account-admin.service';

@Controller('admin/v1')
@UseGuards(AdminTokenGuard)
export class AccountsController {
  constructor(@Inject(AccountAdminService) private readonly accounts: AccountAdminService) {}

  @Post('accounts')
  create(@Body() body: { name?: unknown } | undefined) { return this.accounts.create(body?.name); }

  @Get('accounts')
  list() { return this.accounts.list(); }

  @Post('access-keys/:id/disable') @HttpCode(200)
  disable(@Param('id') id: string) { return this.accounts.setEnabled(id, false); }

  @Post('access-keys/:id/enable') @HttpCode(200)
  enable(@Param('id') id: string) { return this.accounts.setEnabled(id, true); }
}
