import { randomBytes, randomInt } from 'node:crypto';
import type { AccessKeyRecord, CredentialStore } from '@ecs/contracts';
import { randomSuffix } from '@ecs/domain';
import type { Database } from '../database';
import { AccessKeyEntity, AccountEntity } from '../entities';
import type { Tx } from '../transaction';

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

/** ECS account ids are 16-digit numbers. */
function newAccountId(): string {
  return `${randomInt(10_000_000, 100_000_000)}${randomInt(10_000_000, 100_000_000)}`;
}

/** An AccessKey as operators see it after creation: never its secret. */
export interface AccessKeySummary {
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly enabled: boolean;
}

/** Tenant accounts and their AccessKeys; also the gateway's CredentialStore. */
export class AccountRepository implements CredentialStore {
  constructor(private readonly db: Database) {}

  async findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const key = await this.db.read((m) => m.findOneBy(AccessKeyEntity, { accessKeyId }));
    return key ? { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, accountId: key.accountId, enabled: key.enabled } : undefined;
  }

  async createAccount(name: string, key?: { accessKeyId: string; accessKeySecret: string }): Promise<CreatedAccount> {
    const accountId = newAccountId();
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

  // Operator edits from the admin API, inside the caller's audited transaction. The gateway looks
  // keys up on every request, so a disabled key fails its very next call.

  async accountIn(tx: Tx, accountId: string): Promise<{ accountId: string; name: string } | undefined> {
    const row = await tx.findOneBy(AccountEntity, { accountId });
    return row ? { accountId: row.accountId, name: row.name } : undefined;
  }

  async createAccountIn(tx: Tx, name: string): Promise<CreatedAccount> {
    const accountId = newAccountId();
    await tx.insert(AccountEntity, { accountId, name, createdAt: Date.now() });
    const key = await this.issueAccessKey(tx, accountId);
    return { AccountId: accountId, ...key };
  }

  /** A new enabled key for the account; the only time its secret leaves the repository. */
  async issueAccessKey(tx: Tx, accountId: string): Promise<{ AccessKeyId: string; AccessKeySecret: string }> {
    const key = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
    await tx.insert(AccessKeyEntity, { ...key, accountId, enabled: true, createdAt: Date.now() });
    return { AccessKeyId: key.accessKeyId, AccessKeySecret: key.accessKeySecret };
  }

  async accessKeyIn(tx: Tx, accessKeyId: string): Promise<AccessKeySummary | undefined> {
    const row = await tx.findOneBy(AccessKeyEntity, { accessKeyId });
    return row ? { accessKeyId: row.accessKeyId, accountId: row.accountId, enabled: row.enabled } : undefined;
  }

  async setAccessKeyEnabledIn(tx: Tx, accessKeyId: string, enabled: boolean): Promise<boolean> {
    const result = await tx.update(AccessKeyEntity, { accessKeyId }, { enabled });
    return result.affected === 1;
  }
}
