import { AccessKeyEntity, AccountEntity } from './account.entity';
import { ImageEntity, InstanceFamilyEntity, InstanceTypeEntity, RegionEntity, SaleSpecEntity, ZoneEntity } from './catalog.entity';
import { AllocationEntity, HostEntity } from './host.entity';
import { DeploymentSetEntity } from './deployment-set.entity';
import { InstanceEntity, InstanceTagEntity, IpAllocationEntity } from './instance.entity';
import { IdempotencyRecordEntity, InboxEntity, OutboxEntity, TaskEntity } from './task.entity';
import { AuditEntryEntity } from './audit.entity';
import { OperatorEntity, OperatorSessionEntity } from './operator.entity';
import { TenantQuotaEntity } from './quota.entity';
import { BASTION_ENTITIES } from './bastion.entity';
import { ControlFenceEntity } from './control-fence.entity';

export * from './account.entity';
export * from './catalog.entity';
export * from './host.entity';
export * from './instance.entity';
export * from './task.entity';
export * from './deployment-set.entity';
export * from './audit.entity';
export * from './operator.entity';
export * from './quota.entity';
export * from './bastion.entity';
export * from './control-fence.entity';

export const ENTITIES = [
  AccountEntity, AccessKeyEntity, RegionEntity, ZoneEntity, InstanceFamilyEntity, InstanceTypeEntity, ImageEntity,
  SaleSpecEntity, HostEntity, AllocationEntity, InstanceEntity, InstanceTagEntity, IpAllocationEntity, TaskEntity,
  IdempotencyRecordEntity, OutboxEntity, InboxEntity, DeploymentSetEntity,
  OperatorEntity, OperatorSessionEntity, AuditEntryEntity, TenantQuotaEntity,
  ...BASTION_ENTITIES,
  ControlFenceEntity,
];
