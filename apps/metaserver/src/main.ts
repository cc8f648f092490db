import { ConfigError, loadMetaServerServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startMetaServerProcess } from './process/metaserver-process';

const log = createLogger('metaserver.main');

/** The metaserver of one hypervisor host, beside its host agent, as containers (a DaemonSet) run it. */
async function main(): Promise<void> {
  const config = loadMetaServerServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const metaserver = await startMetaServerProcess(config);
  stopOnSignals(() => metaserver.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the metaserver failed to start', { error });
  process.exit(1);
});
