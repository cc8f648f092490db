import { ConfigError, loadBusinessServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { stopOnSignals } from '@ecs/transport';
import { startBusinessProcess } from './http/business-process';

const log = createLogger('business.main');

/** One region's business layer (tenant actions, admin API, console), as containers run it. */
async function main(): Promise<void> {
  const config = loadBusinessServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  const business = await startBusinessProcess(config);
  // Secrets made up at this start are shown once, as `npm start` shows them; never logged.
  if (business.credentials.created && !config.bootstrapAccessKey) {
    process.stdout.write(`A first tenant AccessKey was generated; the secret is shown only this once:\n${JSON.stringify({ AccessKeyId: business.credentials.accessKeyId, AccessKeySecret: business.credentials.accessKeySecret })}\n`);
  }
  if (business.operatorBootstrap.generatedPassword !== undefined) {
    process.stdout.write(`The first operator password was generated; it is shown only this once:\n${JSON.stringify({ username: business.operatorBootstrap.username, password: business.operatorBootstrap.generatedPassword })}\n`);
  }
  stopOnSignals(() => business.stop(), log);
}

main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'the business layer failed to start', { error });
  process.exit(1);
});
