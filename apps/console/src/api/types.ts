/** The admin API's answers, as the console reads them. */
export type Role = 'viewer' | 'sales_admin' | 'super_admin';

export interface Session {
  username: string;
  role: Role;
  csrfToken?: string;
  expiresAt?: string;
}

export interface Zone { zoneId: string; localName: string }
export interface InstanceType { instanceTypeId: string; familyId: string; vcpus: number; memoryGiB: number; hostClass: string; description: string }
export interface Family { familyId: string; generation: string; description: string }
export interface SaleCell { zoneId: string; instanceTypeId: string; onSale: boolean; availableCount: number; pricePerHour: number; currency: string }
export interface SaleMatrix { regionId: string; zones: Zone[]; instanceTypes: InstanceType[]; cells: SaleCell[] }
export interface CatalogOverview { families: Family[]; instanceTypes: InstanceType[]; hostClasses: string[] }

export interface Account { accountId: string; name: string; createdAt: string; accessKeys: { accessKeyId: string; enabled: boolean }[] }
export interface Quota { accountId: string; regionId: string; maxVcpus: number; maxInstances: number; isDefault: boolean }
export interface Quotas { regionId: string; defaults: { maxVcpus: number; maxInstances: number }; quotas: Quota[] }
export interface NewKey { AccountId: string; AccessKeyId: string; AccessKeySecret: string; DisabledAccessKeyId?: string }

export interface Usage { capacity: number; used: number }
export interface FleetHost { hostId: string; zoneId: string; rack: string; hostClass: string; up: boolean; enabled: boolean; vcpus: Usage; memoryMiB: Usage; diskGiB: Usage; instances: number }
export interface FleetZone { zoneId: string; hostsUp: number; hostsDown: number; vcpus: Usage; memoryMiB: Usage; instances: number }
export interface Fleet { zones: FleetZone[]; hosts: FleetHost[]; terminalUrl?: string }

export interface InstanceSummary { instanceId: string; instanceName: string; accountId: string; zoneId: string; hostId: string | null; instanceType: string; vcpus: number; memoryMiB: number; status: string; privateIp: string; createdAt: string }
export interface InstancePage { instances: InstanceSummary[]; total: number; page: number; pageSize: number }

export interface AuditEntry { auditId: number; at: string; actor: string; action: string; target: string; before: unknown; after: unknown }
export interface AuditPage { entries: AuditEntry[]; nextBeforeId?: number }

export interface Operator { username: string; role: Role; enabled: boolean; createdAt: string; updatedAt: string }
