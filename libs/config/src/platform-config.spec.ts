import { ConfigError, loadPlatformConfig } from './platform-config';

describe('loadPlatformConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadPlatformConfig({});
    expect(config.gateway.port).toBe(8080);
    expect(config.dataDir).toBe('./.ecs-data');
    expect(config.sim.hosts).toBe(8);
    expect(config.bootstrapAccessKey).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadPlatformConfig({ ECS_GATEWAY_PORT: 'eighty' })).toThrow(/ECS_GATEWAY_PORT/);
    expect(() => loadPlatformConfig({ ECS_SIM_HOSTS: '0' })).toThrow(ConfigError);
  });

  it('requires both halves of the bootstrap AccessKey', () => {
    expect(() => loadPlatformConfig({ ECS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAI0123456789abcdef' })).toThrow(/set both or neither/);
    const config = loadPlatformConfig({ ECS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAI0123456789abcdef', ECS_BOOTSTRAP_ACCESS_KEY_SECRET: 's'.repeat(30) });
    expect(config.bootstrapAccessKey?.accessKeyId).toBe('LTAI0123456789abcdef');
  });
});
