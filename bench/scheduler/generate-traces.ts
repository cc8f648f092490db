import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, weightedPicker } from './random';

/**
 * Writes the bundled packing traces (traces/*.csv) — reproducibly, so anyone can see where they came
 * from and regenerate them: `npm run build && node scripts/run.js bench/scheduler/generate-traces.js`.
 * Each is a stream of independent draws from an instance-size mix (vCPU, GiB); see traces/README.md.
 */
interface Mix {
  readonly name: string;
  readonly requests: number;
  readonly seed: number;
  readonly sizes: readonly (readonly [vcpus: number, memoryGiB: number, weight: number])[];
}

const MIXES: readonly Mix[] = [
  {
    // Web and microservice fleets: most instances 1–2 vCPU with 1–8 GiB, a tail up to 8 vCPU.
    name: 'small-heavy',
    requests: 12_000,
    seed: 101,
    sizes: [[1, 1, 5], [1, 2, 10], [2, 2, 8], [2, 4, 27], [2, 8, 20], [4, 8, 12], [4, 16, 10], [8, 16, 4], [8, 32, 4]],
  },
  {
    // Caches and databases: the 1:8 memory family dominates, with some 1:4 alongside.
    name: 'memory-heavy',
    requests: 3_000,
    seed: 202,
    sizes: [[2, 16, 25], [4, 32, 25], [8, 64, 20], [16, 128, 10], [32, 256, 3], [4, 16, 10], [8, 32, 7]],
  },
  {
    // Analytics and batch: 8–96 vCPU instances of all three families, whole-host ones included,
    // with a minority of small instances.
    name: 'mixed-large',
    requests: 2_000,
    seed: 303,
    sizes: [[8, 16, 10], [8, 32, 15], [16, 32, 10], [16, 64, 20], [32, 64, 8], [32, 128, 12], [48, 192, 5], [64, 256, 5], [96, 384, 3], [2, 4, 6], [4, 16, 6]],
  },
];

const directory = join(__dirname, '..', '..', '..', 'bench', 'scheduler', 'traces');
for (const mix of MIXES) {
  const random = seededRandom(mix.seed);
  const pick = weightedPicker(mix.sizes.map(([vcpus, memoryGiB, weight]) => ({ value: `${vcpus},${memoryGiB}`, weight })));
  const lines = ['cpu,memory_gib', ...Array.from({ length: mix.requests }, () => pick(random))];
  writeFileSync(join(directory, `${mix.name}.csv`), `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${mix.name}.csv (${mix.requests} requests)\n`);
}
