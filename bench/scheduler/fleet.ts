import type { HostState, PlacementRequest } from '@ecs/scheduler';
import { seededRandom, weightedPicker } from './random';

/**
 * A realistic region for the core and durable benchmarks: three zones, five host classes (three
 * current families on 128-vCPU hosts, an older generation, and overcommitted burstable hosts),
 * 40 hosts a rack, hosts already part-filled with instances of their class, a few disabled or
 * dead, images cached unevenly. Requests follow a typical instance-type mix: mostly small, a long
 * tail of large ones, most pinned to a zone, some tenants with instances already in some racks,
 * a few in deployment sets.
 */
interface HostClassModel {
  readonly hostClass: string;
  readonly hostWeight: number;
  readonly requestWeight: number;
  /** Memory per vCPU of the instance family that runs on this class. */
  readonly gibPerVcpu: number;
  readonly largestVcpus: number;
  readonly cpuAllocationRatio: number;
  readonly hardware: readonly { readonly value: { readonly vcpus: number; readonly memoryGiB: number }; readonly weight: number }[];
}

const CLASSES: readonly HostClassModel[] = [
  { hostClass: 'g7', hostWeight: 40, requestWeight: 45, gibPerVcpu: 4, largestVcpus: 64, cpuAllocationRatio: 1, hardware: [{ value: { vcpus: 128, memoryGiB: 512 }, weight: 4 }, { value: { vcpus: 96, memoryGiB: 384 }, weight: 1 }] },
  { hostClass: 'c7', hostWeight: 20, requestWeight: 20, gibPerVcpu: 2, largestVcpus: 64, cpuAllocationRatio: 1, hardware: [{ value: { vcpus: 128, memoryGiB: 256 }, weight: 1 }] },
  { hostClass: 'r7', hostWeight: 15, requestWeight: 15, gibPerVcpu: 8, largestVcpus: 64, cpuAllocationRatio: 1, hardware: [{ value: { vcpus: 128, memoryGiB: 1024 }, weight: 1 }] },
  { hostClass: 'g6', hostWeight: 15, requestWeight: 10, gibPerVcpu: 4, largestVcpus: 32, cpuAllocationRatio: 1, hardware: [{ value: { vcpus: 104, memoryGiB: 384 }, weight: 1 }] },
  // Burstable instances share cores, so their hosts overcommit CPU (the per-class ratio).
  { hostClass: 't6', hostWeight: 10, requestWeight: 10, gibPerVcpu: 1, largestVcpus: 8, cpuAllocationRatio: 3, hardware: [{ value: { vcpus: 104, memoryGiB: 384 }, weight: 1 }] },
];

export const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'];
const HOSTS_PER_RACK = 40;
const IMAGES = Array.from({ length: 20 }, (_, i) => `m-bench-${String(i).padStart(2, '0')}`);
const SYSTEM_DISK_GIB = 40;
const HOST_DISK_GIB = 3576;

const pickClassForHost = weightedPicker(CLASSES.map((c) => ({ value: c, weight: c.hostWeight })));
const pickClassForRequest = weightedPicker(CLASSES.map((c) => ({ value: c, weight: c.requestWeight })));
const pickVcpus = weightedPicker([
  { value: 2, weight: 40 },
  { value: 4, weight: 30 },
  { value: 8, weight: 17 },
  { value: 16, weight: 8 },
  { value: 32, weight: 4 },
  { value: 64, weight: 1 },
]);
// A popular few images and a long tail (Zipf-like).
const pickImage = weightedPicker(IMAGES.map((value, i) => ({ value, weight: 1 / (i + 1) })));

export interface Allocation {
  readonly hostId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
}

export interface Fleet {
  readonly hosts: HostState[];
  /** The instances the hosts were part-filled with, when asked for (the durable ledger needs them). */
  readonly allocations: Allocation[];
}

function instanceOf(model: HostClassModel, random: () => number): { vcpus: number; memoryMiB: number; diskGiB: number } {
  let vcpus = pickVcpus(random);
  while (vcpus > model.largestVcpus) vcpus = pickVcpus(random);
  return { vcpus, memoryMiB: vcpus * model.gibPerVcpu * 1024, diskGiB: SYSTEM_DISK_GIB };
}

export function generateFleet(count: number, seed: number, options: { recordAllocations?: boolean } = {}): Fleet {
  const random = seededRandom(seed);
  const hosts: HostState[] = [];
  const allocations: Allocation[] = [];
  for (let n = 0; n < count; n++) {
    const model = pickClassForHost(random);
    const hardware = weightedPicker(model.hardware)(random);
    const zoneId = ZONES[n % ZONES.length];
    const hostId = `host-${String(n).padStart(6, '0')}`;
    const cpuCapacity = Math.floor(hardware.vcpus * model.cpuAllocationRatio);
    const memoryCapacity = hardware.memoryGiB * 1024;
    // One host in ten is empty; the others are filled to between 20% and 95% with their own family.
    const target = random() < 0.1 ? 0 : 0.2 + 0.75 * random();
    let usedVcpus = 0;
    let usedMemoryMiB = 0;
    let usedDiskGiB = 0;
    for (let misses = 0; misses < 3; ) {
      const instance = instanceOf(model, random);
      if (usedVcpus + instance.vcpus > target * cpuCapacity || usedMemoryMiB + instance.memoryMiB > target * memoryCapacity) {
        misses++;
        continue;
      }
      usedVcpus += instance.vcpus;
      usedMemoryMiB += instance.memoryMiB;
      usedDiskGiB += instance.diskGiB;
      if (options.recordAllocations) allocations.push({ hostId, ...instance });
    }
    const cached = new Set<string>();
    const cachedCount = 2 + Math.floor(random() * 3);
    while (cached.size < cachedCount) cached.add(pickImage(random));
    hosts.push({
      hostId,
      zoneId,
      rack: `${zoneId}-rack-${String(Math.floor(n / (HOSTS_PER_RACK * ZONES.length))).padStart(4, '0')}`,
      hostClass: model.hostClass,
      enabled: random() >= 0.01,
      alive: random() >= 0.005,
      vcpus: hardware.vcpus,
      memoryMiB: memoryCapacity,
      diskGiB: HOST_DISK_GIB,
      usedVcpus,
      usedMemoryMiB,
      usedDiskGiB,
      cpuAllocationRatio: model.cpuAllocationRatio,
      memoryAllocationRatio: 1,
      activeBuilds: random() < 0.05 ? 1 + Math.floor(random() * 3) : 0,
      cachedImageIds: cached,
    });
  }
  return { hosts, allocations };
}

/** `count` requests against `hosts` (whose ids and racks they may name), in arrival order. */
export function generateRequests(count: number, hosts: readonly HostState[], seed: number): PlacementRequest[] {
  const random = seededRandom(seed);
  const requests: PlacementRequest[] = [];
  for (let n = 0; n < count; n++) {
    const model = pickClassForRequest(random);
    const instance = instanceOf(model, random);
    const zoneId = random() < 0.7 ? ZONES[Math.floor(random() * ZONES.length)] : undefined;
    const request: { -readonly [K in keyof PlacementRequest]: PlacementRequest[K] } = {
      ...instance,
      hostClass: model.hostClass,
      imageId: pickImage(random),
      accountId: `acct-${Math.floor(random() * random() * 500)}`,
    };
    if (zoneId !== undefined) request.zoneId = zoneId;
    // Three tenants in ten already run instances in a few racks, which the spread weigher steers around.
    if (random() < 0.3) {
      const racks = new Map<string, number>();
      for (let r = 1 + Math.floor(random() * 4); r > 0; r--) racks.set(hosts[Math.floor(random() * hosts.length)].rack, 1 + Math.floor(random() * 3));
      request.accountRackCounts = racks;
    }
    if (random() < 0.05) {
      const members = new Set<string>();
      for (let m = 1 + Math.floor(random() * 6); m > 0; m--) members.add(hosts[Math.floor(random() * hosts.length)].hostId);
      request.deploymentSetHostIds = members;
    }
    requests.push(request);
  }
  return requests;
}
