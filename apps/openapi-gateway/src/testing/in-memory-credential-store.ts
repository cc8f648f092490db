import type { AccessKeyRecord, CredentialStore } from '@ecs/contracts';

export class InMemoryCredentialStore implements CredentialStore {
  private readonly keys = new Map<string, AccessKeyRecord>();

  constructor(records: readonly AccessKeyRecord[]) {
    for (const record of records) this.keys.set(record.accessKeyId, record);
  }

  async findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    return this.keys.get(accessKeyId);
  }
}
