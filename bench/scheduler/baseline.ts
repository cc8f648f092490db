import type { HostState, PlacementRequest } from '@ecs/scheduler';
import { allocatableMemoryMiB, allocatableVcpus, freeDiskGiB, freeMemoryMiB, freeVcpus, isSchedulable } from '@ecs/scheduler';

/**
 * The physical limit of a full scan: hosts as columns of typed arrays, one tight loop per request
 * that checks zone, class, liveness, builds and the three capacities and keeps the tightest fit
 * (least vCPU + memory share left), then applies the decision. No deployment sets, racks or
 * images, no objects, no explanation — only what every scan must at least do.
 */
export class BestFitBaseline {
  /** Seven Int32 columns, one Uint8 and two Float64. */
  static readonly BYTES_PER_HOST = 7 * 4 + 1 + 2 * 8;
  private readonly zone: Int32Array;
  private readonly hostClass: Int32Array;
  private readonly schedulable: Uint8Array;
  private readonly builds: Int32Array;
  private readonly freeCpu: Int32Array;
  private readonly freeMemory: Int32Array;
  private readonly freeDisk: Int32Array;
  private readonly inverseCpu: Float64Array;
  private readonly inverseMemory: Float64Array;
  private readonly zones = new Map<string, number>();
  private readonly classes = new Map<string, number>();

  constructor(
    hosts: readonly HostState[],
    private readonly maxConcurrentBuilds: number,
  ) {
    const n = hosts.length;
    this.zone = new Int32Array(n);
    this.hostClass = new Int32Array(n);
    this.schedulable = new Uint8Array(n);
    this.builds = new Int32Array(n);
    this.freeCpu = new Int32Array(n);
    this.freeMemory = new Int32Array(n);
    this.freeDisk = new Int32Array(n);
    this.inverseCpu = new Float64Array(n);
    this.inverseMemory = new Float64Array(n);
    hosts.forEach((host, i) => {
      this.zone[i] = this.idOf(this.zones, host.zoneId);
      this.hostClass[i] = this.idOf(this.classes, host.hostClass);
      this.schedulable[i] = isSchedulable(host) ? 1 : 0;
      this.builds[i] = host.activeBuilds;
      this.freeCpu[i] = freeVcpus(host);
      this.freeMemory[i] = freeMemoryMiB(host);
      this.freeDisk[i] = freeDiskGiB(host);
      this.inverseCpu[i] = 1 / Math.max(allocatableVcpus(host), 1);
      this.inverseMemory[i] = 1 / Math.max(allocatableMemoryMiB(host), 1);
    });
  }


  /** Requests as plain numbers, so the timed loop compares integers only. */
  encode(request: PlacementRequest): Int32Array {
    return Int32Array.of(
      request.zoneId === undefined ? -1 : (this.zones.get(request.zoneId) ?? -2),
      this.classes.get(request.hostClass) ?? -2,
      request.vcpus,
      request.memoryMiB,
      request.diskGiB,
    );
  }

  /** Places and applies one encoded request; returns the host's position, or -1. */
  place(request: Int32Array): number {
    const zone = request[0];
    const hostClass = request[1];
    const cpu = request[2];
    const memory = request[3];
    const disk = request[4];
    const { freeCpu, freeMemory, freeDisk, inverseCpu, inverseMemory } = this;
    let best = -1;
    let bestLeft = Number.POSITIVE_INFINITY;
    for (let i = 0; i < freeCpu.length; i++) {
      if ((zone >= 0 && this.zone[i] !== zone) || this.hostClass[i] !== hostClass || this.schedulable[i] === 0 || this.builds[i] >= this.maxConcurrentBuilds) continue;
      const cpuLeft = freeCpu[i] - cpu;
      const memoryLeft = freeMemory[i] - memory;
      if (cpuLeft < 0 || memoryLeft < 0 || freeDisk[i] < disk) continue;
      const left = cpuLeft * inverseCpu[i] + memoryLeft * inverseMemory[i];
      if (left < bestLeft) {
        bestLeft = left;
        best = i;
      }
    }
    if (best >= 0) {
      freeCpu[best] -= cpu;
      freeMemory[best] -= memory;
      freeDisk[best] -= disk;
    }
    return best;
  }

  private idOf(ids: Map<string, number>, name: string): number {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size));
    return id;
  }
}
