/** An AccessKey as the gateway needs it to verify a signature. */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly accountId: string;
  readonly enabled: boolean;
}

/** Looks AccessKeys up for the gateway. Disabling a key must take effect on the next request. */
export interface CredentialStore {
  findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
}

export const CREDENTIAL_STORE = Symbol('CredentialStore');
