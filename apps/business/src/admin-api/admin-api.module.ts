import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AccountsController } from './accounts/accounts.controller';
import { AuditController } from './audit/audit.controller';
import { SessionController } from './auth/session.controller';
import { CatalogController } from './catalog/catalog.controller';
import { FleetController } from './fleet/fleet.controller';
import { OperatorsController } from './operators/operators.controller';
import { QuotasController } from './quotas/quotas.controller';

/** Every admin route; providers are the already-wired use cases (see wire-admin-api.ts). */
@Module({})
export class AdminApiModule {
  static with(providers: Provider[]): DynamicModule {
    return {
      module: AdminApiModule,
      controllers: [SessionController, OperatorsController, AccountsController, QuotasController, CatalogController, FleetController, AuditController],
      providers,
    };
  }
}
