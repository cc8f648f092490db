import { domainArgument, type OpsCommand, type OpsCommandContext } from './ops-command';

/** Ops power actions act on the hypervisor at once; control's desired state is untouched (docs/decisions/0050). */
const RECONCILE_NOTE = "note: the host agent converges this host to control's desired state; a power change control did not ask for is undone on its next pass.\n";

/** How long a guest gets to power off after `virsh shutdown` before it is forced off, as libvirt's agent would wait. */
const GUEST_SHUTDOWN_TIMEOUT_MS = 60_000;

function powerCommand(verb: 'start' | 'shutdown' | 'destroy', summary: string, act: (name: string, context: OpsCommandContext) => Promise<void>, done: string): OpsCommand {
  return {
    words: ['virsh', verb],
    usage: `virsh ${verb} <domain>`,
    summary,
    minRole: 'operator',
    async run(args, context) {
      const name = domainArgument(args, this.usage);
      await act(name, context);
      return `Domain '${name}' ${done}\n${RECONCILE_NOTE}`;
    },
  };
}

export const virshStart = powerCommand('start', 'power a shut-off domain on (operator)', (name, { driver }) => driver.startDomain(name), 'started');
export const virshShutdown = powerCommand('shutdown', 'ask a domain to power off (operator)', (name, { driver }) => driver.shutdownDomain(name, { timeoutMs: GUEST_SHUTDOWN_TIMEOUT_MS }), 'is being shutdown');
export const virshDestroy = powerCommand('destroy', 'pull the plug on a domain (operator)', (name, { driver }) => driver.destroyDomain(name), 'destroyed');
