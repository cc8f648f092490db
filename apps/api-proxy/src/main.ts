import { ConfigError, loadApiProxyServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startProxyProcess } from './http/proxy-process';

const log = createLogger('api-proxy.main');

/** The API proxy as containers run it. */
async function main(): Promise<void> {
  const config = loadApiProxyServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const proxy = await startProxyProcess(config);
  stopOnSignals(() => proxy.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the API proxy failed to start', { error });
  process.exit(1);
});
