import type { PowerAction } from '@ecs/contracts';
import type { InstanceEvent } from '@ecs/domain';
import type { TaskKind } from '@ecs/persistence';

export interface PowerActionPlan {
  readonly event: InstanceEvent;
  readonly operation: string;
  readonly task: TaskKind;
}

/** Which transition, LatestOperation name and task each tenant action means. */
export function planFor(action: PowerAction, force: boolean): PowerActionPlan {
  switch (action) {
    case 'start':
      return { event: 'start', operation: 'StartInstance', task: 'start' };
    case 'stop':
      return { event: 'stop', operation: 'StopInstance', task: 'stop' };
    case 'reboot':
      return { event: 'reboot', operation: 'RebootInstance', task: 'reboot' };
    case 'delete':
      return { event: force ? 'forceDelete' : 'delete', operation: 'DeleteInstance', task: 'delete' };
  }
}
