/** Tenant-visible instance statuses (ECS). `Deleted` is internal: deleted instances are never shown. */
export const INSTANCE_STATUSES = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped', 'Deleted'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export const VISIBLE_INSTANCE_STATUSES: readonly InstanceStatus[] = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'];

export function isInstanceStatus(value: string): value is InstanceStatus {
  return (INSTANCE_STATUSES as readonly string[]).includes(value);
}

/** Whether the guest should be powered on; the host agent converges the hypervisor towards it. */
export type PowerIntent = 'on' | 'off' | 'absent';

/** CVM-style LatestOperationState. */
export type OperationState = 'Processing' | 'Success' | 'Failed';

export interface LatestOperation {
  readonly name: string;
  readonly state: OperationState;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}
