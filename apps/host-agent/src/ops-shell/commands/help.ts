import { roleCovers } from '@ecs/contracts';
import type { OpsCommand } from './ops-command';

/** `help`: every command, marking the ones this session's role may not run. */
export function helpCommand(commands: () => readonly OpsCommand[]): OpsCommand {
  return {
    words: ['help'],
    usage: 'help',
    summary: 'this list',
    minRole: 'read-only',
    async run(_args, { role }) {
      const all = commands();
      const width = Math.max(...all.map((c) => c.usage.length)) + 2;
      const lines = all.map((c) => `  ${c.usage.padEnd(width)}${c.summary}${roleCovers(role, c.minRole) ? '' : ` [needs ${c.minRole}]`}`);
      return `Ops shell commands (role: ${role}). This is not a system shell: anything else is refused and audited.\n${lines.join('\n')}\n  exit${' '.repeat(Math.max(2, width - 4))}end the session\n`;
    },
  };
}
