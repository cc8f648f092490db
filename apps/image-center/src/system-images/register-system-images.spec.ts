import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredImage } from '@ecs/persistence';
import { createLogger, configureLogging } from '@ecs/observability';
import type { SystemImageRegistration } from '../use-cases/register-system-image.use-case';
import { registerSystemImages } from './register-system-images';

const SHA = 'a'.repeat(64);

describe('registerSystemImages', () => {
  let dir: string;
  let registered: SystemImageRegistration[];
  let warnings: string[];
  const center = {
    registerSystemImage: async (registration: SystemImageRegistration) => {
      if (registration.imageId === 'broken_image') throw new Error('not an accepted image');
      registered.push(registration);
      return { imageId: registration.imageId, blobDigest: registration.imageId === 'old_content' ? 'b'.repeat(64) : SHA } as StoredImage;
    },
  };
  const manifest = (name: string, content: object) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'system-images-'));
    registered = [];
    warnings = [];
    configureLogging({ level: 'warn', sink: (line) => warnings.push((JSON.parse(line) as { message: string }).message) });
  });
  afterEach(() => {
    configureLogging({ level: 'silent' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the image beside each manifest as a 64-bit Linux system image of the region', async () => {
    const path = manifest('tinylinux.json', { imageId: 'tinylinux_6_1_x64_busybox', file: 'tinylinux.raw', format: 'raw', sha256: SHA, kernel: 'linux-image-6.1' });
    expect(await registerSystemImages(center, 'cn-hangzhou', [path], createLogger('test'))).toEqual(['tinylinux_6_1_x64_busybox']);
    expect(registered).toEqual([
      {
        imageId: 'tinylinux_6_1_x64_busybox',
        regionId: 'cn-hangzhou',
        file: join(dir, 'tinylinux.raw'),
        imageName: 'tinylinux_6_1_x64_busybox',
        description: 'tinylinux_6_1_x64_busybox: linux-image-6.1',
        osName: 'Linux 64 bit',
        os: { osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips manifests that do not exist, and starts without images it cannot register, saying why', async () => {
    const paths = [
      join(dir, 'never-built.json'),
      manifest('no-id.json', { file: 'x.raw', sha256: SHA }),
      manifest('broken.json', { imageId: 'broken_image', file: 'x.raw', sha256: SHA }),
      manifest('ok.json', { imageId: 'ok_image', file: 'ok.raw', sha256: SHA }),
    ];
    expect(await registerSystemImages(center, 'cn-hangzhou', paths, createLogger('test'))).toEqual(['ok_image']);
    expect(warnings).toEqual(['system image not registered', 'system image not registered']);
  });

  it('warns when the id keeps content other than what the manifest now describes', async () => {
    const path = manifest('old.json', { imageId: 'old_content', file: 'old.raw', sha256: SHA });
    expect(await registerSystemImages(center, 'cn-hangzhou', [path], createLogger('test'))).toEqual(['old_content']);
    expect(warnings).toEqual(['system image keeps its earlier content; the manifest describes other content']);
  });
});
