import { ConfigError } from './platform-config';
import { loadControlServiceConfig, loadHostAgentServiceConfig, loadBusinessServiceConfig, loadGatewayServiceConfig, loadImageCenterServiceConfig, loadMetaServerServiceConfig, serviceEnvNames } from './service-config';

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

  it('runs a host agent on sim by default, or on qemu with the all-in-one\'s qemu settings', () => {
    const host = { ...REQUIRED, ECS_KAFKA_BROKERS: 'k:9092', ECS_HOST_ID: 'h-1', ECS_ZONE_ID: 'cn-hangzhou-h' };
    expect(loadHostAgentServiceConfig(host)).toMatchObject({ dataDir: './.ecs-data', imageCacheDir: undefined, hypervisor: { kind: 'sim', bootMs: 1500, qemu: { stateDir: undefined, accel: 'auto' } } });
    const qemu = loadHostAgentServiceConfig({ ...host, ECS_HYPERVISOR: 'qemu', ECS_QEMU_STATE_DIR: '/var/lib/q', ECS_QEMU_ACCEL: 'tcg', ECS_IMAGE_CACHE_DIR: '/var/cache/img' });
    expect(qemu).toMatchObject({ imageCacheDir: '/var/cache/img', hypervisor: { kind: 'qemu', qemu: { stateDir: '/var/lib/q', accel: 'tcg' } } });
    expect(() => loadHostAgentServiceConfig({ ...host, ECS_HYPERVISOR: 'xen' })).toThrow(/ECS_HYPERVISOR/);
    expect(() => loadHostAgentServiceConfig({ ...host, ECS_QEMU_ACCEL: 'hvf' })).toThrow(/ECS_QEMU_ACCEL/);
  });

  it('gives the image center its blob endpoint, import limits and system image manifests; the blob token is the internal token', () => {
    const center = loadImageCenterServiceConfig({ ...REQUIRED, ECS_IMAGE_IMPORT_ALLOWED_CIDRS: '127.0.0.1/32, fd00::/8', ECS_SYSTEM_IMAGE_MANIFESTS: 'a.json, b.json' });
    expect(center.server).toEqual({ host: '127.0.0.1', port: 7050, advertiseHost: undefined });
    expect(center.images).toEqual({ blobHost: '127.0.0.1', blobPort: 8084, blobToken: REQUIRED.ECS_INTERNAL_TOKEN, maxImportBytes: 64 * 1024 ** 3, importTimeoutMs: 3_600_000, importAllowedCidrs: ['127.0.0.1/32', 'fd00::/8'] });
    expect(center.systemImageManifests).toEqual(['a.json', 'b.json']);
    expect(() => loadImageCenterServiceConfig({ ...REQUIRED, ECS_IMAGE_IMPORT_ALLOWED_CIDRS: '10.0.0.0/33' })).toThrow(/ECS_IMAGE_IMPORT_ALLOWED_CIDRS/);
  });

  it('ties a metaserver to the host it serves', () => {
    expect(loadMetaServerServiceConfig({ ...REQUIRED, ECS_HOST_ID: 'h-1' })).toMatchObject({ hostId: 'h-1', dataDir: './.ecs-data', socketDir: undefined, server: { port: 7060 } });
    expect(() => loadMetaServerServiceConfig(REQUIRED)).toThrow(/ECS_HOST_ID/);
  });

  it('requires both halves of the bootstrap AccessKey', () => {
    expect(() => loadBusinessServiceConfig({ ...REQUIRED, ECS_BOOTSTRAP_ACCESS_KEY_ID: 'LTAI0123456789abcdef' })).toThrow(/set both or neither/);
  });

  it('lists what each component reads, for the deployment manifests to match', () => {
    expect(serviceEnvNames('host-agent')).toEqual(expect.arrayContaining(['ECS_HOST_ID', 'ECS_KAFKA_BROKERS', 'ECS_INTERNAL_PORT']));
    expect(serviceEnvNames('openapi-gateway')).not.toContain('ECS_KAFKA_BROKERS');
  });
});
