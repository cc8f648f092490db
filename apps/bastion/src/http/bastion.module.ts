import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminalAssets } from '../web/terminal-assets';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { BastionErrorFilter } from './bastion-error.filter';
import { AuditController } from './controllers/audit.controller';
import { AuthController } from './controllers/auth.controller';
import { ConnectController } from './controllers/connect.controller';
import { GrantsController } from './controllers/grants.controller';
import { SessionsController } from './controllers/sessions.controller';
import { TerminalPageController } from './controllers/terminal-page.controller';
import { UsersController } from './controllers/users.controller';

/** The bastion's HTTP edge; its use cases are built by `createBastion` and handed in as values. */
@Module({})
export class BastionModule {
  static with(authenticator: Authenticator, useCases: readonly object[]): DynamicModule {
    const values: Provider[] = useCases.map((useCase) => ({ provide: useCase.constructor, useValue: useCase }));
    return {
      module: BastionModule,
      controllers: [AuthController, ConnectController, UsersController, GrantsController, SessionsController, AuditController, TerminalPageController],
      providers: [
        ...values,
        { provide: Authenticator, useValue: authenticator },
        { provide: TerminalAssets, useValue: new TerminalAssets() },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: BastionErrorFilter },
      ],
    };
  }
}
