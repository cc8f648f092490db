import type { LaunchInstancesCommand } from '@ecs/contracts';
import { EcsError, newResourceId } from '@ecs/domain';
import { InstanceEntity, isDuplicateKey, type Database, type DeploymentSetRepository, type InstanceRepository, type LedgerRepository, type Tx } from '@ecs/persistence';
import type { PlacementDecision, PlacementRequest, Scheduler } from '@ecs/scheduler';
import type { FleetHost, FleetView } from '../fleet/fleet-view';
import { newMacAddress, privateIpCandidates } from '../network/private-address';
import type { QuotaGuard } from '../quota/quota-guard';

export interface ResolvedShape {
  readonly instanceType: string;
  readonly familyId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly hostClass: string;
}

export type PlacementOutcome = { readonly ok: true; readonly row: InstanceEntity } | { readonly ok: false; readonly message: string };

const SNAPSHOT_ATTEMPTS = 4;

/** Why a claim transaction gave up on a candidate: the next one is tried. */
class CandidateLost extends Error {}

/**
 * Places one instance: the scheduler ranks hosts from a snapshot, then the claim transaction takes
 * the first candidate whose ledger row still fits (generation CAS), creating the instance, its
 * allocation and private IP together. A lost race moves on to the next candidate, then to a fresh
 * snapshot; a decision the scheduler refuses explains itself.
 */
export class PlacementService {
  constructor(
    private readonly db: Database,
    private readonly scheduler: Scheduler,
    private readonly fleet: FleetView,
    private readonly ledger: LedgerRepository,
    private readonly instances: InstanceRepository,
    private readonly deploymentSets: DeploymentSetRepository,
    private readonly quota: QuotaGuard,
    private readonly subnetOf: (zoneId: string) => Promise<string | undefined>,
  ) {}

  async dryRun(command: LaunchInstancesCommand, shape: ResolvedShape): Promise<PlacementDecision> {
    return this.decide(await this.requestFor(command, shape));
  }

  async placeOne(command: LaunchInstancesCommand, shape: ResolvedShape, index: number): Promise<PlacementOutcome> {
    let lastMessage = '';
    for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
      const decision = await this.decide(await this.requestFor(command, shape));
      if (!decision.ok) return { ok: false, message: decision.message };
      for (const candidate of decision.candidates) {
        const row = await this.tryClaim(command, shape, index, candidate.hostId, candidate.zoneId, candidate.generation);
        await this.fleet.refreshHost(candidate.hostId);
        if (row) return { ok: true, row };
      }
      lastMessage = `every candidate host was taken by concurrent requests (${decision.candidates.length} tried)`;
    }
    return { ok: false, message: lastMessage };
  }

  /**
   * Indexed placement over the fleet view. A refusal is believed only after a full refresh: the
   * index may lag another writer's releases, and a tenant must not be refused on stale data.
   */
  private async decide(request: PlacementRequest): Promise<PlacementDecision<FleetHost>> {
    const decision = this.scheduler.placeIndexed(request, this.fleet.index);
    if (decision.ok) return decision;
    await this.fleet.refreshAll();
    return this.scheduler.placeIndexed(request, this.fleet.index);
  }

  private async tryClaim(command: LaunchInstancesCommand, shape: ResolvedShape, index: number, hostId: string, zoneId: string, generation: number): Promise<InstanceEntity | undefined> {
    const subnet = await this.subnetOf(zoneId);
    if (!subnet) throw new EcsError('InvalidZoneId.NotFound');
    const instanceId = newResourceId('i');
    try {
      return await this.db.transaction(async (tx) => {
        await this.quota.admit(tx, { accountId: command.accountId, regionId: command.regionId, vcpus: shape.vcpus, instances: 1 });
        const claimed = await this.ledger.claim(tx, {
          hostId,
          expectedGeneration: generation,
          instanceId,
          accountId: command.accountId,
          vcpus: shape.vcpus,
          memoryMiB: shape.memoryMiB,
          diskGiB: shape.diskGiB,
          deploymentSetId: command.deploymentSetId ?? null,
        });
        if (!claimed) throw new CandidateLost();
        const privateIp = await this.ledger.takePrivateIp(tx, zoneId, instanceId, privateIpCandidates(subnet, 16));
        if (!privateIp) throw new CandidateLost();
        const row = this.newRow(command, shape, instanceId, hostId, zoneId, privateIp, index);
        await this.instances.insert(tx, row, command.tags);
        return row;
      });
    } catch (error) {
      if (error instanceof CandidateLost || isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  /**
   * Moves a Stopped instance's claim to a new shape: on its own host when that fits (one transaction:
   * give back, claim again), otherwise on another host of its zone (its private IP belongs to the zone).
   * Returns the host it ends on, or a refusal that explains itself.
   */
  async resize(row: InstanceEntity, shape: ResolvedShape): Promise<{ ok: true; hostId: string } | { ok: false; message: string }> {
    if (row.hostId && (await this.tryResizeOn(row, shape, row.hostId))) {
      await this.fleet.refreshHost(row.hostId);
      return { ok: true, hostId: row.hostId };
    }
    for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
      const holding = row.deploymentSetId ? await this.deploymentSets.hostsHolding(row.deploymentSetId) : undefined;
      holding?.delete(row.hostId ?? '');
      const request: PlacementRequest = {
        zoneId: row.zoneId,
        vcpus: shape.vcpus,
        memoryMiB: shape.memoryMiB,
        diskGiB: shape.diskGiB,
        hostClass: shape.hostClass,
        imageId: row.imageId,
        accountId: row.accountId,
        ...(holding ? { deploymentSetHostIds: holding } : {}),
      };
      const decision = await this.decide(request);
      if (!decision.ok) return { ok: false, message: decision.message };
      for (const candidate of decision.candidates) {
        if (candidate.hostId === row.hostId) continue;
        const moved = await this.tryResizeOn(row, shape, candidate.hostId);
        await this.fleet.refreshHost(candidate.hostId);
        if (moved) {
          await this.fleet.refreshHost(row.hostId);
          return { ok: true, hostId: candidate.hostId };
        }
      }
    }
    return { ok: false, message: 'every candidate host was taken by concurrent requests' };
  }

  private async tryResizeOn(row: InstanceEntity, shape: ResolvedShape, hostId: string): Promise<boolean> {
    try {
      return await this.db.transaction(async (tx) => {
        await this.quota.admit(tx, { accountId: row.accountId, regionId: row.regionId, vcpus: shape.vcpus - row.vcpus, instances: 0 });
        await this.ledger.releaseCapacity(tx, row.instanceId);
        if (!(await this.claimIn(tx, row, shape, hostId))) throw new CandidateLost();
        const resized = await this.instances.resize(tx, row.instanceId, row.version, {
          instanceType: shape.instanceType,
          instanceTypeFamily: shape.familyId,
          vcpus: shape.vcpus,
          memoryMiB: shape.memoryMiB,
          hostId,
        });
        if (!resized) throw new EcsError('IncorrectInstanceStatus', 'The instance changed while it was being resized; retry.');
        return true;
      });
    } catch (error) {
      if (error instanceof CandidateLost || isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private async claimIn(tx: Tx, row: InstanceEntity, shape: ResolvedShape, hostId: string): Promise<boolean> {
    const host = await this.ledger.hostIn(tx, hostId);
    if (!host) return false;
    return this.ledger.claim(tx, {
      hostId,
      expectedGeneration: host.generation,
      instanceId: row.instanceId,
      accountId: row.accountId,
      vcpus: shape.vcpus,
      memoryMiB: shape.memoryMiB,
      diskGiB: row.diskGiB,
      deploymentSetId: row.deploymentSetId,
    });
  }

  private async requestFor(command: LaunchInstancesCommand, shape: ResolvedShape): Promise<PlacementRequest> {
    const holding = command.deploymentSetId ? await this.deploymentSets.hostsHolding(command.deploymentSetId) : undefined;
    return {
      ...(holding ? { deploymentSetHostIds: holding } : {}),
      // A named zone was checked to sell the type; a zone-less launch may use only zones that do.
      ...(command.zoneId ? { zoneId: command.zoneId } : { zoneIds: new Set(command.saleZoneIds) }),
      accountRackCounts: await this.ledger.rackCountsOf(command.accountId),
      vcpus: shape.vcpus,
      memoryMiB: shape.memoryMiB,
      diskGiB: shape.diskGiB,
      hostClass: shape.hostClass,
      imageId: command.imageId,
      accountId: command.accountId,
    };
  }

  private newRow(command: LaunchInstancesCommand, shape: ResolvedShape, instanceId: string, hostId: string, zoneId: string, privateIp: string, index: number): InstanceEntity {
    const name = command.instanceName ?? instanceId;
    return Object.assign(new InstanceEntity(), {
      instanceId,
      accountId: command.accountId,
      regionId: command.regionId,
      zoneId,
      hostId,
      instanceType: shape.instanceType,
      instanceTypeFamily: shape.familyId,
      vcpus: shape.vcpus,
      memoryMiB: shape.memoryMiB,
      diskGiB: shape.diskGiB,
      imageId: command.imageId,
      osName: command.osName,
      osType: command.osType,
      instanceName: command.amount > 1 && command.instanceName ? numbered(name, index) : name,
      hostName: command.hostName ? (command.amount > 1 ? numbered(command.hostName, index) : command.hostName) : `iZ${instanceId.slice(2)}Z`,
      description: command.description ?? '',
      userData: command.userData ?? null,
      status: 'Pending',
      power: 'off',
      powerGeneration: 0,
      version: 0,
      privateIp,
      mac: newMacAddress(),
      vpcId: 'vpc-default',
      vSwitchId: command.vSwitchId ?? `vsw-default-${zoneId}`,
      securityGroupIds: [...command.securityGroupIds],
      deploymentSetId: command.deploymentSetId ?? null,
      stoppedMode: 'Not-applicable',
      latestOperation: command.operation,
      latestOperationState: 'Processing',
      latestOperationError: null,
      latestOperationMessage: null,
      lastEventSeq: 0,
      createdAt: Date.now(),
      startedAt: null,
      deletedAt: null,
    });
  }
}

/** ECS numbers batch names with a three-digit suffix (name001, name002 …). */
function numbered(name: string, index: number): string {
  return `${name}${String(index + 1).padStart(3, '0')}`;
}
