import { textTable } from './text-table';
import { OpsCommandError, type OpsCommand } from './ops-command';

/** `virsh list [--all]`: running domains, or every defined one. */
export const virshList: OpsCommand = {
  words: ['virsh', 'list'],
  usage: 'virsh list [--all]',
  summary: 'list running domains (--all: every defined domain)',
  minRole: 'read-only',
  async run(args, { driver }) {
    if (args.length > 1 || (args.length === 1 && args[0] !== '--all')) throw new OpsCommandError(`usage: ${this.usage}`);
    const all = args.length === 1;
    const domains = (await driver.listDomains()).filter((d) => all || d.state !== 'shutoff').sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    return textTable(['Name', 'State'], domains.map((d) => [d.instanceId, d.state]));
  },
};
