/**
 * What the sales-spec admin side shares with the rest of the platform: operator roles (ordered from
 * least to most powerful) and tenant quotas, which control enforces when it claims capacity.
 */
export const OPERATOR_ROLES = ['viewer', 'sales_admin', 'super_admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** True when `role` may do what `required` may. */
export function roleAtLeast(role: OperatorRole, required: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(required);
}

/** A tenant's limits in one region; `isDefault` when no operator set them (platform defaults apply). */
export interface TenantQuota {
  readonly accountId: string;
  readonly regionId: string;
  readonly maxVcpus: number;
  readonly maxInstances: number;
  readonly isDefault: boolean;
}

export interface QuotaReader {
  get(accountId: string, regionId: string): Promise<TenantQuota>;
}
