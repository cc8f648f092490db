import { ConfigError } from './platform-config';
import { loadControlServiceConfig, loadHostAgentServiceConfig, loadBusinessServiceConfig, loadGatewayServiceConfig, serviceEnvNames } from './service-config';

const REQUIRED = { ECS_INTERNAL_TOKEN: 'k'.repeat(32), ECS_ZK_CONNECT: '127.0.0.1:2181' };

describe('service configs', () => {
  it('gives every component its defaults from the required settings alone', () => {
    const control = loadControlServiceConfig({ ...REQUIRED, ECS_KAFKA_BROKERS: 'k1:9092,k2:9092' });
    expect(control.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(control.db).toMatchObject({ kind: 'mysql', host: '127.0.0.1', port: 3306, database: 'ecs' });
    expect(control.zookeeper).toEqual({ connectionString: '127.0.0.1:2181', root: '/ecs', sessionTimeoutMs: 6000 });
    expect(control.server).toEqual({ host: '127.0.0.1', port: 7030, advertiseHost: undefined });
    const gateway = loadGatewayServiceConfig(REQUIRED);
    expect(gateway).toMatchObject({ host: '0.0.0.0', port: 8080, timestampWindowMs: 900_000 });
  });

  it('names every missing or bad variable', () => {
    expect(() => loadControlServiceConfig({})).toThrow(ConfigError);
    for (const name of ['ECS_INTERNAL_TOKEN', 'ECS_ZK_CONNECT', 'ECS_KAFKA_BROKERS']) expect(() => loadControlServiceConfig({})).toThrow(name);
    expect(() => loadGatewayServiceConfig({ ...REQUIRED, ECS_INTERNAL_TOKEN: 'short' })).toThrow(/ECS_INTERNAL_TOKEN: at least 32/);
    expect(() => loadHostAgentServiceConfig({ ...REQUIRED, ECS_KAFKA_BROKERS: 'k:9092', ECS_ZONE_ID: 'cn-hangzhou-h' })).toThrow(/ECS_HOST_ID/);
  });

  it('takes a host agent identity and size from the environment', () => {
    const agent = loadHostAgentServiceConfig({ ...REQUIRED, ECS_KAFKA_BROKERS: 'k:9092', ECS_HOST_ID: 'h-1', ECS_ZONE_ID: 'cn-hangzhou-h', ECS_HOST_MEMORY_GIB: '2' });
    expect(agent.host).toEqual({ hostId: 'h-1', zoneId: 'cn-hangzhou-h', rack: 'cn-hangzhou-h-rack-1', hostClass: 'x86-general', vcpus: 64, memoryMiB: 2048, diskGiB: 4096 });
  });

  it('requires both halves of the bootstrap AccessKey', () => {
    expect(() => loadBusinessServiceConfig({ ...REQUIRED, ECS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAI0123456789abcdef' })).toThrow(/set both or neither/);
  });

  it('lists what each component reads, for the deployment manifests to match', () => {
    expect(serviceEnvNames('host-agent')).toEqual(expect.arrayContaining(['ECS_HOST_ID', 'ECS_KAFKA_BROKERS', 'ECS_INTERNAL_PORT']));
    expect(serviceEnvNames('openapi-gateway')).not.toContain('ECS_KAFKA_BROKERS');
  });
});
