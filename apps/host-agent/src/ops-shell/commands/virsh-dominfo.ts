import { keyValues } from './text-table';
import { domainArgument, type OpsCommand } from './ops-command';

/**
 * `virsh dominfo <domain>`: the domain's definition and state. The tenant's user-data is part of
 * the spec but never shown: it is the tenant's secret, not an operator's business.
 */
export const virshDominfo: OpsCommand = {
  words: ['virsh', 'dominfo'],
  usage: 'virsh dominfo <domain>',
  summary: 'show one domain: state, size, image, network',
  minRole: 'read-only',
  async run(args, { driver }) {
    const info = await driver.domainState(domainArgument(args, this.usage));
    const { spec } = info;
    return keyValues([
      ['Name', spec.instanceId],
      ['State', info.state],
      ['Reason', info.reason],
      ...(info.detail === undefined ? [] : ([['Detail', info.detail]] as const)),
      ['CPU(s)', String(spec.vcpus)],
      ['Max memory', `${spec.memoryMiB * 1024} KiB`],
      ['Disk', `${spec.diskGiB} GiB`],
      ['Image', spec.imageId],
      ['Hostname', spec.hostName],
      ['MAC', spec.mac],
      ['IP', spec.privateIp],
    ]);
  },
};
