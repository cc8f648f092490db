import type { ClientTokenCache } from '@ecs/cache';
import type { CatalogReader, ConsoleOutputReader, ControlApi, DesiredStateSource, HostAgentDirectory, InstanceDiskExporter, InstanceMetadataSource } from '@ecs/contracts';
import type { Coordinator } from '@ecs/coordination';
import type { EventBus } from '@ecs/events';
import {
  DeploymentSetRepository,
  IdempotencyRepository,
  InboxRepository,
  InstanceRepository,
  LedgerRepository,
  OutboxRepository,
  QuotaRepository,
  TaskRepository,
  type CatalogRepository,
  type Database,
} from '@ecs/persistence';
import { Scheduler, type SchedulerConfig } from '@ecs/scheduler';
import { ControlService } from './control.service';
import { DesiredStateService } from './desired-state/desired-state.service';
import { InstanceDiskExport, type HostDiskExports } from './disk-export/instance-disk-export';
import { HostCommander } from './dispatch/host-commander';
import { FleetView } from './fleet/fleet-view';
import { InstanceLifecycle } from './instances/instance-lifecycle';
import { ControlLeadership } from './leadership/control-leadership';
import { OutboxRelay } from './outbox/outbox-relay';
import { PlacementService } from './placement/placement.service';
import { QuotaGuard } from './quota/quota-guard';
import { TaskDeadlineSweeper } from './tasks/task-deadline-sweeper';
import { ActOnInstancesUseCase } from './use-cases/act-on-instances/act-on-instances.use-case';
import { CreateDeploymentSetUseCase } from './use-cases/deployment-sets/create-deployment-set.use-case';
import { DeleteDeploymentSetUseCase } from './use-cases/deployment-sets/delete-deployment-set.use-case';
import { DescribeDeploymentSetsUseCase } from './use-cases/deployment-sets/describe-deployment-sets.use-case';
import { DescribeInstancesUseCase } from './use-cases/describe-instances/describe-instances.use-case';
import { InstanceConsoleReader, type HostConsoles } from './metadata/instance-console-reader';
import { InstanceMetadataReader } from './metadata/instance-metadata-reader';
import { LaunchInstancesUseCase } from './use-cases/launch-instances/launch-instances.use-case';
import { ModifyInstanceAttributeUseCase } from './use-cases/modify-instance-attribute/modify-instance-attribute.use-case';
import { ModifyInstanceSpecUseCase } from './use-cases/modify-instance-spec/modify-instance-spec.use-case';
import { ReadStockUseCase } from './use-cases/read-stock/read-stock.use-case';
import { VmStateConsumer } from './vm-state/vm-state-consumer';

export type { HostConsoles } from './metadata/instance-console-reader';
export type { HostDiskExports, ReleasableDisk } from './disk-export/instance-disk-export';

export interface ControlPlaneDeps {
  readonly db: Database;
  readonly catalog: CatalogReader & Pick<CatalogRepository, 'zoneSubnet'>;
  readonly events: EventBus;
  readonly coordinator: Coordinator;
  readonly hostAgents: HostAgentDirectory;
  readonly quotas: QuotaRepository;
  readonly scheduler: SchedulerConfig;
  readonly candidateId: string;
  readonly taskDeadlineMs: number;
  readonly defaultSystemDiskGiB: number;
  readonly sweepIntervalMs?: number;
  readonly outboxIntervalMs?: number;
  /** How often the fleet view re-reads the whole ledger (other replicas' claims and releases). */
  readonly fleetRefreshIntervalMs?: number;
  /** Completed launches' ClientToken answers (Redis in the cluster); replays read the database without it. */
  readonly clientTokenCache?: ClientTokenCache;
}

export interface ControlPlane {
  readonly api: ControlApi;
  readonly desiredState: DesiredStateSource;
  readonly leadership: ControlLeadership;
  readonly deadlines: TaskDeadlineSweeper;
  readonly outboxRelay: OutboxRelay;
  /** What the metaserver serves each guest, read from the instance rows. */
  readonly instanceMetadata: InstanceMetadataSource;
  /** GetInstanceConsoleOutput's source: the console on the instance's host, read through `hosts`. */
  consoleReader(hosts: HostConsoles): ConsoleOutputReader;
  /** CreateImage's disk source: a Stopped instance's host exports its system disk through `hosts`. */
  diskExporter(hosts: HostDiskExports): InstanceDiskExporter;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires control: repositories, scheduler, use cases, and the loops that only the leader runs. */
export function createControlPlane(deps: ControlPlaneDeps): ControlPlane {
  const { db } = deps;
  const instances = new InstanceRepository(db);
  const ledger = new LedgerRepository(db);
  const tasks = new TaskRepository(db);
  const outbox = new OutboxRepository(db);
  const deploymentSets = new DeploymentSetRepository(db);
  const leadership = new ControlLeadership(deps.coordinator, deps.candidateId);
  const fleet = new FleetView(ledger, deps.coordinator, deps.fleetRefreshIntervalMs ?? 2_000);
  const commander = new HostCommander(deps.hostAgents, leadership);
  const lifecycle = new InstanceLifecycle(instances, tasks, outbox, deps.taskDeadlineMs);
  const quota = new QuotaGuard(deps.quotas, ledger);
  const placement = new PlacementService(db, new Scheduler(deps.scheduler), fleet, ledger, instances, deploymentSets, quota, (zoneId) => deps.catalog.zoneSubnet(zoneId));
  const api = new ControlService(leadership, {
    launch: new LaunchInstancesUseCase(db, deps.catalog, placement, lifecycle, ledger, commander, fleet, deploymentSets, quota, new IdempotencyRepository(db), deps.clientTokenCache),
    act: new ActOnInstancesUseCase(db, instances, lifecycle, commander, fleet),
    describe: new DescribeInstancesUseCase(instances),
    modifyAttribute: new ModifyInstanceAttributeUseCase(db, instances),
    modifySpec: new ModifyInstanceSpecUseCase(deps.catalog, instances, placement, commander),
    readStock: new ReadStockUseCase(deps.catalog, fleet, deps.defaultSystemDiskGiB),
    createDeploymentSet: new CreateDeploymentSetUseCase(deploymentSets),
    describeDeploymentSets: new DescribeDeploymentSetsUseCase(deploymentSets),
    deleteDeploymentSet: new DeleteDeploymentSetUseCase(deploymentSets),
  });
  const consumer = new VmStateConsumer(db, deps.events, instances, new InboxRepository(), ledger, tasks, lifecycle, fleet);
  const deadlines = new TaskDeadlineSweeper(db, tasks, instances, ledger, lifecycle, commander, fleet, deps.sweepIntervalMs ?? 500);
  const outboxRelay = new OutboxRelay(outbox, deps.events, deps.outboxIntervalMs ?? 100);

  leadership.onChange((leading) => {
    if (leading) {
      deadlines.start();
      outboxRelay.start();
    } else {
      deadlines.stop();
      outboxRelay.stop();
    }
  });

  return {
    api,
    desiredState: new DesiredStateService(instances, leadership),
    leadership,
    deadlines,
    outboxRelay,
    instanceMetadata: new InstanceMetadataReader(instances),
    consoleReader: (hosts) => new InstanceConsoleReader(instances, hosts),
    diskExporter: (hosts) => new InstanceDiskExport(instances, hosts),
    async start() {
      await fleet.start();
      await consumer.start();
      await leadership.campaign();
    },
    async stop() {
      deadlines.stop();
      outboxRelay.stop();
      await consumer.stop();
      fleet.stop();
      await leadership.resign();
    },
  };
}
