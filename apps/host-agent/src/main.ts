import { ConfigError, loadHostAgentServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startAgentProcess } from './http/agent-process';

const log = createLogger('host-agent.main');

/** One host agent per hypervisor host, as containers (a DaemonSet) run it. */
async function main(): Promise<void> {
  const config = loadHostAgentServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const agent = await startAgentProcess(config);
  stopOnSignals(() => agent.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the host agent failed to start', { error });
  process.exit(1);
});
