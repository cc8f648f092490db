import { randomBytes, randomInt } from 'node:crypto';
import type { AccessKeyRecord, CredentialStore } from '@ecs/contracts';
import { randomSuffix } from '@ecs/domain';
import type { Database } from '../database';
import { AccessKeyEntity, AccountEntity } from '../entities';

export interface CreatedAccount {
  readonly AccountId: string;
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
}

export interface AccountSummary {
  readonly accountId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly accessKeys: { readonly accessKeyId: string; readonly enabled: boolean }[];
}

export function newAccessKeyId(): string {
  return `LTAI${randomSuffix(20)}`;
}

export function newAccessKeySecret(): string {
  return randomBytes(22).toString('base64url').slice(0, 30);
}

/** Tenant accounts and their AccessKeys; also the gateway's CredentialStore. */
export class AccountRepository implements CredentialStore {
  constructor(private readonly db: Database) {}

  async findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const key = await this.db.read((m) => m.findOneBy(AccessKeyEntity, { accessKeyId }));
    return key ? { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, accountId: key.accountId, enabled: key.enabled } : undefined;
  }

  async createAccount(name: string, key?: { accessKeyId: string; accessKeySecret: string }): Promise<CreatedAccount> {
    // ECS account ids are 16-digit numbers.
    const accountId = `${randomInt(10_000_000, 100_000_000)}${randomInt(10_000_000, 100_000_000)}`;
    const accessKeyId = key?.accessKeyId ?? newAccessKeyId();
    const accessKeySecret = key?.accessKeySecret ?? newAccessKeySecret();
    const now = Date.now();
    await this.db.transaction(async (m) => {
      await m.insert(AccountEntity, { accountId, name, createdAt: now });
      await m.insert(AccessKeyEntity, { accessKeyId, accountId, accessKeySecret, enabled: true, createdAt: now });
    });
    return { AccountId: accountId, AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret };
  }

  async listAccounts(): Promise<AccountSummary[]> {
    const [accounts, keys] = await this.db.read(async (m) => [await m.find(AccountEntity, { order: { createdAt: 'ASC' } }), await m.find(AccessKeyEntity)] as const);
    return accounts.map((a) => ({
      accountId: a.accountId,
      name: a.name,
      createdAt: new Date(a.createdAt).toISOString(),
      accessKeys: keys.filter((k) => k.accountId === a.accountId).map((k) => ({ accessKeyId: k.accessKeyId, enabled: k.enabled })),
    }));
  }

  /** Returns false when no such key exists. */
  async setAccessKeyEnabled(accessKeyId: string, enabled: boolean): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(AccessKeyEntity, { accessKeyId }, { enabled }));
    return result.affected === 1;
  }
}
