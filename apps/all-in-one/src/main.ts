import { ConfigError, loadPlatformConfig } from '@ecs/config';
import { configureLogging } from '@ecs/observability';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const config = loadPlatformConfig(process.env);
  configureLogging({ level: config.logLevel });
  const platform = await startPlatform(config);
  const { credentials } = platform;
  console.log(`ECS platform (all-in-one) ready: OpenAPI endpoint ${platform.gatewayUrl}, region ${config.regionId}`);
  if (credentials.created && !config.bootstrapAccessKey) {
    console.log('A first tenant AccessKey was generated. The secret is shown only this once:');
    console.log(JSON.stringify({ AccessKeyId: credentials.accessKeyId, AccessKeySecret: credentials.accessKeySecret }));
  } else {
    console.log(`Tenant AccessKey: ${credentials.accessKeyId}`);
  }
  console.log(`Operator console: ${platform.consoleUrl} (user ${platform.operatorBootstrap.username})`);
  if (platform.operatorBootstrap.generatedPassword !== undefined) {
    console.log('The first operator password was generated; it is shown only this once (set ECS_ADMIN_PASSWORD to choose it):');
    console.log(JSON.stringify({ username: platform.operatorBootstrap.username, password: platform.operatorBootstrap.generatedPassword }));
  }
  console.log(`Ops bastion: ${platform.bastionUrl} (web terminal ${platform.bastionUrl}/terminal)`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('the platform failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
