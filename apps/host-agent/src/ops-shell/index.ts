export { OpsShell, type OpsShellOptions } from './ops-shell';
export type { OpsHostFacts } from './commands/ops-command';
