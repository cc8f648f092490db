/**
 * How the bastion CLI finds a local bastion and its bootstrap administrator token: the bastion
 * writes this file (mode 0600) into the platform's data dir at every start, as the admin API does.
 */
export interface BastionEndpoint {
  readonly url: string;
  readonly adminToken: string;
}

export const BASTION_ENDPOINT_FILE = 'bastion.json';

export function parseBastionEndpoint(text: string): BastionEndpoint | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<BastionEndpoint>;
    return typeof parsed.url === 'string' && typeof parsed.adminToken === 'string' ? { url: parsed.url, adminToken: parsed.adminToken } : undefined;
  } catch {
    return undefined;
  }
}
