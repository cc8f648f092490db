export { TenantApiDispatcher } from './tenant-api/tenant-api-dispatcher';
export type { TenantActionHandler, TenantApiDeps } from './tenant-api/tenant-action';
