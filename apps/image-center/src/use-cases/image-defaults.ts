import type { ImageOsFields } from '@ecs/contracts';

/** ECS-style OS name for an image whose OS the tenant declared: "Ubuntu 64 bit", "CentOS ARM 64 bit". */
export function osNameFor(os: ImageOsFields): string {
  return `${os.platform} ${os.architecture === 'arm64' ? 'ARM 64' : '64'} bit`;
}

/** The URL as it may be stored and logged: no query or fragment, which often carry a signature. */
export function displayableUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 512);
}
