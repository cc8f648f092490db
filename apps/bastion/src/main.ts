import { ConfigError, loadBastionServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startBastionProcess } from './network/bastion-process';

const log = createLogger('bastion.main');

/** The ops bastion as its own process (local cluster, containers); the all-in-one runs it in-process. */
async function main(): Promise<void> {
  const config = loadBastionServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const bastion = await startBastionProcess(config);
  stopOnSignals(() => bastion.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the bastion failed to start', { error });
  process.exit(1);
});
