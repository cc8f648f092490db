import { importedOs, isValidImageName, optionalDiskFormat, optionalImageName } from './image-params';
import { importUrl } from './import-source';

describe('image parameters', () => {
  it('takes image names by the instance-name rule, without the platform prefixes', () => {
    for (const name of ['my-image', 'Ubuntu_22.04:v1', '镜像一号']) expect(isValidImageName(name)).toBe(true);
    for (const name of ['a', '1image', 'aliyun-image', 'ACS:image', 'http://x', 'my image']) expect(isValidImageName(name)).toBe(false);
    expect(() => optionalImageName({ DestinationImageName: 'x' }, 'DestinationImageName')).toThrow(
      expect.objectContaining({ code: 'InvalidImageName.Malformed', message: expect.stringContaining('DestinationImageName') }),
    );
  });

  it('defaults the imported OS to x86_64 Linux and refuses unknown values', () => {
    expect(importedOs({})).toEqual({ osType: 'linux', platform: 'Others Linux', architecture: 'x86_64' });
    expect(importedOs({ OSType: 'Linux', Platform: 'Ubuntu', Architecture: 'arm64' })).toEqual({ osType: 'linux', platform: 'Ubuntu', architecture: 'arm64' });
    expect(() => importedOs({ OSType: 'beos' })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => importedOs({ Architecture: 'i386' })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => importedOs({ Platform: 'Ubuntu; rm -rf /' })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('accepts RAW and QCOW2 in any case, nothing else', () => {
    expect(optionalDiskFormat({ F: 'qcow2' }, 'F')).toBe('qcow2');
    expect(optionalDiskFormat({ F: 'RAW' }, 'F')).toBe('raw');
    expect(optionalDiskFormat({}, 'F')).toBeUndefined();
    expect(() => optionalDiskFormat({ F: 'VHD' }, 'F')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('reads the import URL from ImportUrl, or from OSSObject for the official SDKs', () => {
    expect(importUrl({ 'DiskDeviceMapping.1.ImportUrl': 'https://mirror.example/disk.qcow2' })).toBe('https://mirror.example/disk.qcow2');
    expect(importUrl({ 'DiskDeviceMapping.1.OSSObject': 'http://mirror.example/disk.raw' })).toBe('http://mirror.example/disk.raw');
  });

  it('refuses OSS buckets, other disks, two URLs, no URL and non-http URLs', () => {
    const bad: Array<[Record<string, string>, string]> = [
      [{ 'DiskDeviceMapping.1.OSSBucket': 'b', 'DiskDeviceMapping.1.OSSObject': 'o' }, 'InvalidParameter'],
      [{ 'DiskDeviceMapping.1.ImportUrl': 'https://a/x', 'DiskDeviceMapping.2.ImportUrl': 'https://a/y' }, 'InvalidParameter'],
      [{ 'DiskDeviceMapping.1.ImportUrl': 'https://a/x', 'DiskDeviceMapping.1.OSSObject': 'https://a/x' }, 'InvalidParameter'],
      [{}, 'MissingParameter'],
      [{ 'DiskDeviceMapping.1.ImportUrl': 'file:///etc/passwd' }, 'InvalidParameter'],
      [{ 'DiskDeviceMapping.1.OSSObject': 'disk.qcow2' }, 'InvalidParameter'],
      [{ 'DiskDeviceMapping.1.ImportUrl': `https://a/${'x'.repeat(2048)}` }, 'InvalidParameter'],
    ];
    for (const [params, code] of bad) expect(() => importUrl(params)).toThrow(expect.objectContaining({ code }));
  });
});
