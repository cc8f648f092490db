import type { InstanceActionCommand, InstanceActionResult } from '@ecs/contracts';
import { canTransition, EcsError, type InstanceStatus } from '@ecs/domain';
import type { Database, InstanceEntity, InstanceRepository } from '@ecs/persistence';
import type { HostCommander } from '../../dispatch/host-commander';
import type { FleetView } from '../../fleet/fleet-view';
import type { InstanceLifecycle } from '../../instances/instance-lifecycle';
import { planFor, type PowerActionPlan } from './power-actions';

const CAS_ATTEMPTS = 5;

type Precheck = { readonly ok: true; readonly row: InstanceEntity } | { readonly ok: false; readonly error: EcsError; readonly status: string };

/**
 * Start, stop, reboot and delete, one instance or a batch. Prechecks first (existence, ownership,
 * status guard); AllTogether fails the whole call on any precheck failure, SuccessFirst acts on
 * what it can. Each change is a CAS with its task and outbox event; then the host is told.
 */
export class ActOnInstancesUseCase {
  constructor(
    private readonly db: Database,
    private readonly instances: InstanceRepository,
    private readonly lifecycle: InstanceLifecycle,
    private readonly commander: HostCommander,
    private readonly fleet: FleetView,
  ) {}

  async execute(command: InstanceActionCommand): Promise<InstanceActionResult[]> {
    const plan = planFor(command.action, command.force);
    const rows = new Map((await this.instances.findOwned(command.accountId, command.regionId, command.instanceIds)).map((r) => [r.instanceId, r]));
    const prechecks = command.instanceIds.map((id) => this.precheck(id, rows.get(id), plan));
    const firstFailure = prechecks.find((p): p is Extract<Precheck, { ok: false }> => !p.ok);
    if (firstFailure && command.batchMode === 'AllTogether') throw firstFailure.error;
    if (command.dryRun) throw new EcsError('DryRunOperation');
    const results: InstanceActionResult[] = [];
    for (const [n, check] of prechecks.entries()) {
      const instanceId = command.instanceIds[n];
      if (!check.ok) {
        results.push({ instanceId, code: check.error.code, message: check.error.message, previousStatus: check.status, currentStatus: check.status });
        continue;
      }
      results.push(await this.act(check.row, plan, command));
    }
    return results;
  }

  private precheck(instanceId: string, row: InstanceEntity | undefined, plan: PowerActionPlan): Precheck {
    if (!row) return { ok: false, error: new EcsError('InvalidInstanceId.NotFound', `The specified InstanceId "${instanceId}" does not exist.`), status: '' };
    if (!canTransition(row.status, plan.event)) return { ok: false, error: incorrectStatus(row.status, plan.operation), status: row.status };
    return { ok: true, row };
  }

  /**
   * A lost compare-and-swap is retried while the fresh row still allows the action: host reports
   * bump the version without changing the status, and must not make a valid request fail.
   */
  private async act(first: InstanceEntity, plan: PowerActionPlan, command: InstanceActionCommand): Promise<InstanceActionResult> {
    let row = first;
    for (let attempt = 1; ; attempt++) {
      const result = await this.tryAct(row, plan, command);
      if (result.code === '200' || attempt >= CAS_ATTEMPTS) return result;
      const fresh = await this.instances.get(row.instanceId);
      if (!fresh || fresh.status === 'Deleted' || !canTransition(fresh.status, plan.event)) return result;
      row = fresh;
    }
  }

  private async tryAct(row: InstanceEntity, plan: PowerActionPlan, command: InstanceActionCommand): Promise<InstanceActionResult> {
    const written = await this.db.transaction((tx) =>
      this.lifecycle.apply(tx, row, plan.event, {
        operation: plan.operation,
        operationState: 'Processing',
        openTask: plan.task,
        newIntent: true,
        patch: {
          ...(command.action === 'stop' ? { stoppedMode: command.stoppedMode ?? 'KeepCharging' } : {}),
          ...(command.action === 'delete' ? { deletedAt: Date.now() } : {}),
        },
      }),
    );
    if (!written) {
      const fresh = await this.instances.get(row.instanceId);
      const status = fresh?.status ?? row.status;
      const error = incorrectStatus(status, plan.operation);
      return { instanceId: row.instanceId, code: error.code, message: error.message, previousStatus: status, currentStatus: status };
    }
    this.tellHost(written, command);
    return { instanceId: row.instanceId, code: '200', message: 'success', previousStatus: row.status, currentStatus: written.status };
  }

  private tellHost(row: InstanceEntity, command: InstanceActionCommand): void {
    switch (command.action) {
      case 'start':
        if (row.hostId) this.fleet.buildStarted(row.hostId);
        this.commander.ensure(row);
        return;
      case 'stop':
        if (command.force) this.commander.send(row.hostId, { kind: 'destroy', instanceId: row.instanceId });
        else this.commander.ensure(row);
        return;
      case 'reboot':
        this.commander.send(row.hostId, { kind: 'reboot', instanceId: row.instanceId, generation: row.powerGeneration });
        return;
      case 'delete':
        this.commander.send(row.hostId, { kind: 'remove', instanceId: row.instanceId });
        return;
    }
  }
}

function incorrectStatus(status: InstanceStatus, operation: string): EcsError {
  return new EcsError('IncorrectInstanceStatus', `The current status of the resource (${status}) does not support ${operation}.`, 'Wait until the instance reaches a status the operation allows, then retry.');
}
