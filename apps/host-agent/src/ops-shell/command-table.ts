import { df, free, hostinfo, uptime } from './commands/host-facts';
import { helpCommand } from './commands/help';
import type { OpsCommand } from './commands/ops-command';
import { virshConsole } from './commands/virsh-console';
import { virshDominfo } from './commands/virsh-dominfo';
import { virshList } from './commands/virsh-list';
import { virshDestroy, virshShutdown, virshStart } from './commands/virsh-power';

/** The ops shell's allowlist: a line runs only if its first words name one of these. */
export const OPS_COMMANDS: readonly OpsCommand[] = [
  virshList,
  virshDominfo,
  virshConsole,
  virshStart,
  virshShutdown,
  virshDestroy,
  hostinfo,
  uptime,
  df,
  free,
  helpCommand(() => OPS_COMMANDS),
];

/** The command a line's words name, with the remaining words as its arguments. */
export function resolveCommand(words: readonly string[], commands: readonly OpsCommand[] = OPS_COMMANDS): { command: OpsCommand; args: readonly string[] } | undefined {
  for (const command of commands) {
    if (command.words.every((word, i) => words[i] === word)) return { command, args: words.slice(command.words.length) };
  }
  return undefined;
}
