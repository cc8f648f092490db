import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccountRepository } from '@ecs/persistence';
import { AccountAdminService } from './accounts/account-admin.service';
import { AccountsController } from './accounts/accounts.controller';
import { AdminErrorFilter } from './admin-error.filter';
import { ADMIN_TOKEN, AdminTokenGuard } from './auth/admin-token.guard';

export interface AdminApiDeps {
  readonly accounts: AccountRepository;
  readonly token: string;
}

@Module({})
class AdminApiModule {
  static with(deps: AdminApiDeps): DynamicModule {
    return {
      module: AdminApiModule,
      controllers: [AccountsController],
      providers: [
        { provide: ADMIN_TOKEN, useValue: deps.token },
        { provide: AccountAdminService, useValue: new AccountAdminService(deps.accounts) },
        AdminTokenGuard,
      ],
    };
  }
}

/** The operators' API (not yet listening): accounts and AccessKeys for now. */
export async function createAdminApi(deps: AdminApiDeps): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AdminApiModule.with(deps), new FastifyAdapter({ bodyLimit: 64 * 1024 }), { logger: false });
  app.useGlobalFilters(new AdminErrorFilter());
  return app;
}
