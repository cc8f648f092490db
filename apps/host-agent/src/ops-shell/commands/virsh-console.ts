import { assertDomainName, OpsCommandError, type OpsCommand } from './ops-command';

const DEFAULT_LINES = 40;
const MAX_LINES = 500;

/**
 * `virsh console <domain> [--lines N]`: the tail of the serial console, read-only. An interactive
 * console would hand the operator the guest's login prompt — the tenant's machine — so the ops
 * shell only ever shows what the guest already printed.
 */
export const virshConsole: OpsCommand = {
  words: ['virsh', 'console'],
  usage: 'virsh console <domain> [--lines N]',
  summary: `show the last lines of a domain's serial console (read-only, default ${DEFAULT_LINES})`,
  minRole: 'read-only',
  async run(args, { driver }) {
    const [name, flag, count, ...rest] = args;
    const lines = flag === undefined ? DEFAULT_LINES : Number(count);
    const wellFormed = name !== undefined && rest.length === 0 && (flag === undefined || (flag === '--lines' && /^\d{1,4}$/.test(count ?? '')));
    if (!wellFormed || lines < 1 || lines > MAX_LINES) throw new OpsCommandError(`usage: ${this.usage} (1 ≤ N ≤ ${MAX_LINES})`);
    const output = await driver.consoleOutput(assertDomainName(name));
    const tail = output.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '').slice(-lines);
    return `--- serial console of ${name}, last ${tail.length} line(s), read-only ---\n${tail.map((l) => `${l}\n`).join('')}--- end of console ---\n`;
  },
};
