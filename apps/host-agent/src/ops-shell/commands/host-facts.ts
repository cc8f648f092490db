import { keyValues, textTable } from './text-table';
import { noArguments, type OpsCommand } from './ops-command';

function percent(used: number, total: number): string {
  return total === 0 ? '0%' : `${Math.round((used / total) * 100)}%`;
}

function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hhmm = `${Math.floor((minutes % 1440) / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${hhmm}` : hhmm;
}

/** `hostinfo`: who this host is and what its domains claim of it. */
export const hostinfo: OpsCommand = {
  words: ['hostinfo'],
  usage: 'hostinfo',
  summary: 'host identity, capacity and what the domains claim',
  minRole: 'read-only',
  async run(args, { driver, facts }) {
    noArguments(args, this.usage);
    const { capacity, allocated, domainCount } = await driver.resources();
    return keyValues([
      ['Host', facts.hostId],
      ['Zone', facts.zoneId],
      ['Rack', facts.rack],
      ['Host class', facts.hostClass],
      ['CPU(s)', `${allocated.vcpus} of ${capacity.vcpus} claimed`],
      ['Memory', `${allocated.memoryMiB} of ${capacity.memoryMiB} MiB claimed`],
      ['Disk', `${allocated.diskGiB} of ${capacity.diskGiB} GiB claimed`],
      ['Domains', String(domainCount)],
    ]);
  },
};

/** `uptime`: how long the host service has been up and how many guests run. */
export const uptime: OpsCommand = {
  words: ['uptime'],
  usage: 'uptime',
  summary: 'how long the host service has been up, and running domains',
  minRole: 'read-only',
  async run(args, { driver, now, startedAt }) {
    noArguments(args, this.usage);
    const running = (await driver.listDomains()).filter((d) => d.state === 'running').length;
    const clock = new Date(now()).toISOString().slice(11, 19);
    return `${clock} up ${duration(now() - startedAt)}, ${running} domain${running === 1 ? '' : 's'} running\n`;
  },
};

/** `df`: the domain image store, as the hypervisor accounts it. */
export const df: OpsCommand = {
  words: ['df'],
  usage: 'df',
  summary: 'disk space of the domain image store',
  minRole: 'read-only',
  async run(args, { driver }) {
    noArguments(args, this.usage);
    const { capacity, allocated } = await driver.resources();
    return textTable(['Filesystem', 'Size', 'Used', 'Avail', 'Use%'], [['domain-images', `${capacity.diskGiB}G`, `${allocated.diskGiB}G`, `${capacity.diskGiB - allocated.diskGiB}G`, percent(allocated.diskGiB, capacity.diskGiB)]]);
  },
};

/** `free`: guest memory, claimed against the host's total. */
export const free: OpsCommand = {
  words: ['free'],
  usage: 'free',
  summary: 'memory claimed by domains (MiB)',
  minRole: 'read-only',
  async run(args, { driver }) {
    noArguments(args, this.usage);
    const { capacity, allocated } = await driver.resources();
    return textTable(['', 'total', 'used', 'free'], [['Mem:', String(capacity.memoryMiB), String(allocated.memoryMiB), String(capacity.memoryMiB - allocated.memoryMiB)]]);
  },
};
