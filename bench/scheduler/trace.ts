import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError } from './usage-error';

export interface TraceRequest {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

export interface Trace {
  readonly name: string;
  readonly requests: TraceRequest[];
}

/**
 * Reads a packing trace: one request a line as `cpu,memory_gib` (vCPUs whole, memory in GiB,
 * fractions allowed), an optional header line, blank lines ignored.
 */
export function readTrace(file: string): Trace {
  const requests: TraceRequest[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const text = line.trim();
      if (text === '') return;
      const fields = text.split(',').map((f) => f.trim());
      if (i === 0 && fields.some((f) => Number.isNaN(Number(f)))) return;
      const [cpu, memoryGiB] = fields.map(Number);
      if (fields.length !== 2 || !Number.isInteger(cpu) || cpu <= 0 || !(memoryGiB > 0)) {
        throw new UsageError(`${file}:${i + 1}: expected "cpu,memory_gib" with a whole positive vCPU count and positive memory, got "${text}"`);
      }
      requests.push({ vcpus: cpu, memoryMiB: Math.round(memoryGiB * 1024) });
    });
  if (requests.length === 0) throw new UsageError(`${file}: no requests`);
  return { name: basename(file, extname(file)), requests };
}
