import { ConfigError, loadGatewayServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startGatewayProcess } from './http/gateway-process';

const log = createLogger('openapi-gateway.main');

/** The public OpenAPI gateway as containers run it. */
async function main(): Promise<void> {
  const config = loadGatewayServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const gateway = await startGatewayProcess(config);
  stopOnSignals(() => gateway.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the gateway failed to start', { error });
  process.exit(1);
});
