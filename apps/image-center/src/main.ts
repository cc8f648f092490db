import { ConfigError, loadImageCenterServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startImageCenterProcess } from './process/image-center-process';

const log = createLogger('image-center.main');

/** The region's image center (catalog, blob store, blob endpoint), as containers run it. */
async function main(): Promise<void> {
  const config = loadImageCenterServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const center = await startImageCenterProcess(config);
  stopOnSignals(() => center.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the image center failed to start', { error });
  process.exit(1);
});
