import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditRepository, OperatorRepository } from '@ecs/persistence';
import { AdminApiModule } from './admin-api.module';
import { AdminErrorFilter } from './admin-error.filter';
import { ensureBootstrapOperator, type BootstrapOperator } from './auth/bootstrap-operator';
import { PasswordHasher } from './auth/password-hasher';
import { locateConsoleAssets, serveConsoleAssets } from './console-server/console-assets';
import { wireAdminApi, type AdminApiDeps } from './wire-admin-api';

const BODY_LIMIT_BYTES = 64 * 1024;

export interface AdminServers {
  /** The admin CLI's API under /admin (bind it to loopback). */
  readonly admin: NestFastifyApplication;
  /** The web console: its files, and the same API under /api for the browser (same origin). */
  readonly console: NestFastifyApplication;
  readonly bootstrap: BootstrapOperator;
}

export interface AdminServerOptions {
  /** The first super admin (ECS_ADMIN_USER / ECS_ADMIN_PASSWORD), created only when no operator exists. */
  readonly bootstrapOperator: { readonly username: string; readonly password: string | undefined };
  /** Where the built console lives; found next to the code when omitted. */
  readonly consoleAssets?: string;
}

/** Both admin servers, not yet listening, sharing one set of use cases. */
export async function createAdminServers(deps: AdminApiDeps, options: AdminServerOptions): Promise<AdminServers> {
  const operators = new OperatorRepository(deps.db);
  const audit = new AuditRepository(deps.db);
  const hasher = new PasswordHasher();
  const bootstrap = await ensureBootstrapOperator({ db: deps.db, operators, audit, hasher }, options.bootstrapOperator);
  const providers = wireAdminApi(deps, { operators, audit }, hasher);
  const admin = await createApp(providers, 'admin');
  const consoleApp = await createApp(providers, 'api');
  serveConsoleAssets(consoleApp.getHttpAdapter().getInstance(), options.consoleAssets ?? locateConsoleAssets());
  return { admin, console: consoleApp, bootstrap };
}

async function createApp(providers: ReturnType<typeof wireAdminApi>, prefix: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AdminApiModule.with(providers), new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }), { logger: false });
  app.setGlobalPrefix(prefix);
  app.useGlobalFilters(new AdminErrorFilter());
  return app;
}
