import { ConfigError, loadControlServiceConfig } from '@ecs/config';
import { configureLogging, createLogger } from '@ecs/observability';
import { CatalogRepository, Database, defaultCatalogSeed } from '@ecs/persistence';
import { processMemberId, stopOnSignals } from '@ecs/transport';
import { startControlProcess } from './http/control-process';

const log = createLogger('control.main');

/**
 * A control replica as containers run it: `main.js` serves; `main.js migrate` brings the database
 * schema and the catalog seed up to date once, before any replica starts (a Kubernetes Job, a
 * compose one-shot service, `cluster:up`), since replicas racing to migrate would collide.
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadControlServiceConfig(process.env);
  configureLogging({ level: config.logLevel });
  if (command === 'migrate') {
    const db = await Database.open(config.db, { runMigrations: true });
    await new CatalogRepository(db).seed(defaultCatalogSeed(config.regionId));
    await db.close();
    log.info('database migrated and catalog seeded', { database: config.db.database, regionId: config.regionId });
    return;
  }
  if (command !== undefined) throw new ConfigError([`unknown command "${command}"; expected none or "migrate"`]);
  const replica = await startControlProcess(config, config.controlId ?? processMemberId('control'));
  stopOnSignals(() => replica.stop(), log);
}

main(process.argv[2]).catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : 'control failed to start', { error });
  process.exit(1);
});
