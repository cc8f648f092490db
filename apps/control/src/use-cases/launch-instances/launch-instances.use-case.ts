import type { ClientTokenCache } from '@ecs/cache';
import type { CatalogReader, LaunchInstancesCommand, LaunchInstancesResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { createLogger } from '@ecs/observability';
import { ClientTokenGuard, type Database, type DeploymentSetRepository, type IdempotencyRepository, type InstanceEntity, type LedgerRepository } from '@ecs/persistence';
import type { HostCommander } from '../../dispatch/host-commander';
import type { FleetView } from '../../fleet/fleet-view';
import type { InstanceLifecycle } from '../../instances/instance-lifecycle';
import type { PlacementService, ResolvedShape } from '../../placement/placement.service';
import type { QuotaGuard } from '../../quota/quota-guard';


const log = createLogger('control.launch');

const NO_STOCK_RECOMMEND = 'Try another zone or instance type, a smaller Amount, or retry later; DescribeAvailableResource shows current stock.';

/**
 * RunInstances and CreateInstance: resolve the type, honour ClientToken and DryRun, place and
 * claim every instance (all or at least MinAmount, else none), then move each to Starting (or
 * Stopped) with a durable task and tell its host.
 */
export class LaunchInstancesUseCase {
  private readonly tokens: ClientTokenGuard;

  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogReader,
    private readonly placement: PlacementService,
    private readonly lifecycle: InstanceLifecycle,
    private readonly ledger: LedgerRepository,
    private readonly commander: HostCommander,
    private readonly fleet: FleetView,
    private readonly deploymentSets: DeploymentSetRepository,
    private readonly quota: QuotaGuard,
    idempotency: IdempotencyRepository,
    /** Replays of completed launches answered from Redis in the cluster; none in the all-in-one. */
    tokenAnswers?: ClientTokenCache,
  ) {
    this.tokens = new ClientTokenGuard(idempotency, tokenAnswers);
  }

  async execute(command: LaunchInstancesCommand): Promise<LaunchInstancesResult> {
    if (command.amount < 1 || command.minAmount < 1 || command.minAmount > command.amount) {
      throw EcsError.invalid('MinAmount', 'MinAmount must be between 1 and Amount.');
    }
    const shape = await this.resolveShape(command);
    if (command.deploymentSetId && !(await this.deploymentSets.findOwned(command.accountId, command.regionId, command.deploymentSetId))) {
      throw new EcsError('InvalidDeploymentSetId.NotFound');
    }
    if (command.dryRun) {
      await this.quota.preview({ accountId: command.accountId, regionId: command.regionId, vcpus: shape.vcpus * command.minAmount, instances: command.minAmount });
      const decision = await this.placement.dryRun(command, shape);
      if (!decision.ok) throw new EcsError('OperationDenied.NoStock', decision.message, NO_STOCK_RECOMMEND);
      throw new EcsError('DryRunOperation');
    }
    if (!command.clientToken) return this.launch(command, shape);
    return this.tokens.run(command.accountId, command.clientToken, command.operation, command.requestHash, () => this.launch(command, shape));
  }

  private async resolveShape(command: LaunchInstancesCommand): Promise<ResolvedShape> {
    const type = await this.catalog.instanceType(command.instanceType);
    if (!type) throw new EcsError('InvalidInstanceType.NotFound');
    return {
      instanceType: type.instanceTypeId,
      familyId: type.familyId,
      vcpus: type.vcpus,
      memoryMiB: type.memoryGiB * 1024,
      diskGiB: command.systemDiskSizeGiB,
      hostClass: type.hostClass,
    };
  }

  private async launch(command: LaunchInstancesCommand, shape: ResolvedShape): Promise<LaunchInstancesResult> {
    const placed: InstanceEntity[] = [];
    let refusal: EcsError | undefined;
    for (let index = 0; index < command.amount && !refusal; index++) {
      try {
        const outcome = await this.placement.placeOne(command, shape, index);
        if (outcome.ok) placed.push(outcome.row);
        else refusal = new EcsError('OperationDenied.NoStock', outcome.message, NO_STOCK_RECOMMEND);
      } catch (error) {
        // A quota refusal ends the batch like a lack of stock does: MinAmount decides what happens to the rest.
        if (!(error instanceof EcsError) || !error.code.startsWith('QuotaExceed.')) throw error;
        refusal = error;
      }
    }
    if (placed.length < command.minAmount) {
      await this.rollBack(placed);
      const shortBy = placed.length ? ` (only ${placed.length} of the minimum ${command.minAmount} could be placed)` : '';
      throw new EcsError(refusal?.code ?? 'OperationDenied.NoStock', `${refusal?.message ?? ''}${shortBy}`, refusal?.recommend);
    }
    for (const row of placed) await this.powerUp(command, row);
    return { instanceIds: placed.map((r) => r.instanceId) };
  }

  private async powerUp(command: LaunchInstancesCommand, row: InstanceEntity): Promise<void> {
    const written = await this.db.transaction((tx) =>
      command.powerOn
        ? this.lifecycle.apply(tx, row, 'launch', { operation: command.operation, operationState: 'Processing', openTask: 'start', newIntent: true })
        : this.lifecycle.apply(tx, row, 'provisionStopped', { operation: command.operation, operationState: 'Success', newIntent: true }),
    );
    if (!written) {
      log.warn('instance changed before it was launched', { instanceId: row.instanceId });
      return;
    }
    if (command.powerOn && written.hostId) this.fleet.buildStarted(written.hostId);
    this.commander.ensure(written);
  }

  /** MinAmount not reached: give everything back, as if the call had never run. */
  private async rollBack(rows: readonly InstanceEntity[]): Promise<void> {
    for (const row of rows) {
      await this.db.transaction(async (tx) => {
        await this.ledger.release(tx, row.instanceId);
        await this.lifecycle.apply(tx, row, 'delete', { operationState: 'Failed', error: { code: 'OperationDenied.NoStock', message: 'MinAmount could not be met' }, patch: { deletedAt: Date.now() } });
      });
    }
  }
}
