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

describe('loadPlatformConfig: hypervisor and system images', () => {
  it('runs the sim driver unless told otherwise, and registers the tinylinux image when it was built', () => {
    const config = loadPlatformConfig({});
    expect(config.hypervisor).toEqual({ kind: 'sim', qemu: { stateDir: undefined, accel: 'auto' } });
    expect(config.systemImageManifests).toEqual(['.infra/images/tinylinux.json']);
  });

  it('takes qemu with its state dir and accelerator, and a list of image manifests', () => {
    const config = loadPlatformConfig({ ECS_HYPERVISOR: 'qemu', ECS_QEMU_STATE_DIR: '/var/lib/ecs/qemu', ECS_QEMU_ACCEL: 'tcg', ECS_SYSTEM_IMAGE_MANIFESTS: 'a.json, b.json' });
    expect(config.hypervisor).toEqual({ kind: 'qemu', qemu: { stateDir: '/var/lib/ecs/qemu', accel: 'tcg' } });
    expect(config.systemImageManifests).toEqual(['a.json', 'b.json']);
  });

  it('refuses hypervisors and accelerators it does not know, naming the variable', () => {
    expect(() => loadPlatformConfig({ ECS_HYPERVISOR: 'xen' })).toThrow(/ECS_HYPERVISOR/);
    expect(() => loadPlatformConfig({ ECS_QEMU_ACCEL: 'hvf' })).toThrow(/ECS_QEMU_ACCEL/);
  });
});
