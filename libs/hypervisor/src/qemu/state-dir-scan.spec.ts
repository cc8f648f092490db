import type { DomainSpec } from '@ecs/contracts';
import { configureLogging, createLogger } from '@ecs/observability';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainPaths } from './domain-folder';
import { scanStateDir } from './state-dir-scan';

const spec = (instanceId: string): DomainSpec => ({
  instanceId,
  vcpus: 1,
  memoryMiB: 128,
  diskGiB: 1,
  imageId: 'tinylinux_6_1_x64_busybox',
  hostName: instanceId,
  mac: '00:16:3e:00:00:01',
  privateIp: '172.16.0.9',
});

describe('scanStateDir', () => {
  let stateDir: string;
  const log = createLogger('spec');
  beforeAll(() => configureLogging({ level: 'silent' }));

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'state-scan-spec-'));
  });

  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  async function leave(instanceId: string, files: Record<string, string>): Promise<void> {
    const paths = domainPaths(stateDir, instanceId);
    await mkdir(paths.dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(paths.dir, name), text);
  }

  it('creates a missing state folder and finds nothing in it', async () => {
    const fresh = join(stateDir, 'not-yet');
    expect(await scanStateDir(fresh, log)).toEqual([]);
    expect(existsSync(fresh)).toBe(true);
  });

  it('finds defined domains with the reason they last stopped for', async () => {
    await leave('i-never-started', { 'spec.json': JSON.stringify(spec('i-never-started')) });
    await leave('i-stopped', {
      'spec.json': JSON.stringify(spec('i-stopped')),
      'status.json': JSON.stringify({ reason: 'boot-failed', detail: 'no bootable disk' }),
    });
    const found = await scanStateDir(stateDir, log);
    expect(found.map(({ spec, status, process }) => ({ id: spec.instanceId, status, process })).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'i-never-started', status: { reason: 'defined' }, process: undefined },
      { id: 'i-stopped', status: { reason: 'boot-failed', detail: 'no bootable disk' }, process: undefined },
    ]);
  });

  it('tells a pidfile naming another program (a recycled pid) from a live QEMU', async () => {
    await leave('i-recycled', { 'spec.json': JSON.stringify(spec('i-recycled')), 'qemu.pid': `${process.pid}\n` });
    const [found] = await scanStateDir(stateDir, log);
    expect(found?.process).toEqual({ pid: process.pid, live: false });
  });

  it('removes folders of defines that never finished and skips dot-folders', async () => {
    await leave('i-half', { 'disk.qcow2': '' });
    await leave('i-mismatched', { 'spec.json': JSON.stringify(spec('i-other')) });
    await mkdir(join(stateDir, '.kvm-probe-x'));
    expect(await scanStateDir(stateDir, log)).toEqual([]);
    expect(existsSync(join(stateDir, 'i-half'))).toBe(false);
    expect(existsSync(join(stateDir, 'i-mismatched'))).toBe(false);
    expect(existsSync(join(stateDir, '.kvm-probe-x'))).toBe(true);
  });
});
