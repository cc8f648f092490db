import type { Provider } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Cache } from '@ecs/cache';
import type { ControlApi } from '@ecs/contracts';
import { AccountRepository, AuditRepository, InstanceSearchRepository, OperatorRepository, type CatalogRepository, type Database, type LedgerRepository, type QuotaRepository } from '@ecs/persistence';
import { CreateAccountUseCase } from './accounts/create-account.use-case';
import { IssueAccessKeyUseCase } from './accounts/issue-access-key.use-case';
import { RotateAccessKeyUseCase } from './accounts/rotate-access-key.use-case';
import { SetAccessKeyEnabledUseCase } from './accounts/set-access-key-enabled.use-case';
import { AuditedChanges } from './audit/audited-changes';
import { ListAuditQuery } from './audit/list-audit.query';
import { LoginThrottle } from './auth/login-throttle';
import { LoginUseCase } from './auth/login.use-case';
import { LogoutUseCase } from './auth/logout.use-case';
import { OperatorAuthGuard } from './auth/operator-auth.guard';
import type { PasswordHasher } from './auth/password-hasher';
import { SessionHttp } from './auth/session-http';
import { CatalogEdits, type CatalogChanged } from './catalog/catalog-edits';
import { CatalogOverviewQuery } from './catalog/catalog-overview.query';
import { SaleMatrixQuery } from './catalog/sale-matrix.query';
import { SaveInstanceFamilyUseCase } from './catalog/save-instance-family.use-case';
import { SaveInstanceTypeUseCase } from './catalog/save-instance-type.use-case';
import { SetPriceUseCase } from './catalog/set-price.use-case';
import { SetSaleStatusUseCase } from './catalog/set-sale-status.use-case';
import { FleetSnapshotQuery } from './fleet/fleet-snapshot.query';
import type { HostLiveness } from './fleet/host-liveness';
import { SearchInstancesQuery } from './fleet/search-instances.query';
import { ChangeOwnPasswordUseCase } from './operators/change-own-password.use-case';
import { CreateOperatorUseCase } from './operators/create-operator.use-case';
import { UpdateOperatorUseCase } from './operators/update-operator.use-case';
import { ListQuotasQuery } from './quotas/list-quotas.query';
import { SetQuotaUseCase } from './quotas/set-quota.use-case';

export interface AdminApiDeps {
  readonly db: Database;
  readonly regionId: string;
  readonly accounts: AccountRepository;
  readonly catalog: CatalogRepository;
  readonly quotas: QuotaRepository;
  readonly ledger: LedgerRepository;
  readonly control: Pick<ControlApi, 'stock'>;
  readonly liveness: HostLiveness;
  /** Login throttling counts here, shared by every business replica. */
  readonly cache: Cache;
  /** The admin CLI's bearer token (admin.json in the data dir). */
  readonly operatorToken: string;
  readonly sessionMs: number;
  readonly loginAttemptsPerWindow: number;
  /** The ops bastion's web terminal, linked from the fleet page; absent where no bastion runs. */
  readonly terminalUrl?: string;
  /** Invalidates the tenant API's cached catalog after each catalog edit; absent where the catalog is read uncached. */
  readonly catalogChanged?: CatalogChanged;
}

/** Builds every use case once; both admin servers (CLI and console) share these instances. */
export function wireAdminApi(deps: AdminApiDeps, repositories: { operators: OperatorRepository; audit: AuditRepository }, hasher: PasswordHasher): Provider[] {
  const { db, regionId, accounts, catalog } = deps;
  const { operators, audit } = repositories;
  const changes = new AuditedChanges(db, audit);
  const catalogEdits = new CatalogEdits(changes, deps.catalogChanged ?? (async () => undefined));
  const login = new LoginUseCase(operators, hasher, new LoginThrottle(deps.cache, deps.loginAttemptsPerWindow), deps.sessionMs);
  const values: object[] = [
    new SessionHttp(login, new LogoutUseCase(operators), operators, deps.sessionMs),
    new ChangeOwnPasswordUseCase(operators, hasher, changes),
    new CreateOperatorUseCase(operators, hasher, changes),
    new UpdateOperatorUseCase(operators, hasher, changes),
    new CreateAccountUseCase(accounts, changes),
    new IssueAccessKeyUseCase(accounts, changes),
    new SetAccessKeyEnabledUseCase(accounts, changes),
    new RotateAccessKeyUseCase(accounts, changes),
    new ListQuotasQuery(deps.quotas, regionId),
    new SetQuotaUseCase(deps.quotas, accounts, changes, regionId),
    new SaleMatrixQuery(catalog, deps.control, regionId),
    new CatalogOverviewQuery(catalog, deps.ledger),
    new SetSaleStatusUseCase(catalog, catalogEdits, regionId),
    new SetPriceUseCase(catalog, catalogEdits, regionId),
    new SaveInstanceFamilyUseCase(catalog, catalogEdits),
    new SaveInstanceTypeUseCase(catalog, catalogEdits, regionId),
    new FleetSnapshotQuery(deps.ledger, deps.liveness, deps.terminalUrl),
    new SearchInstancesQuery(new InstanceSearchRepository(db)),
    new ListAuditQuery(audit),
  ];
  return [
    ...values.map((value) => ({ provide: value.constructor, useValue: value })),
    { provide: AccountRepository, useValue: accounts },
    { provide: OperatorRepository, useValue: operators },
    { provide: APP_GUARD, useValue: new OperatorAuthGuard(new Reflector(), operators, deps.operatorToken) },
  ];
}
