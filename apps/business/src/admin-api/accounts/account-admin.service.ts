import { EcsError } from '@ecs/domain';
import type { AccountRepository, AccountSummary, CreatedAccount } from '@ecs/persistence';

const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const ACCESS_KEY_ID = /^[A-Za-z0-9]{16,64}$/;

/** Operator actions on tenant accounts and AccessKeys. A disabled key fails its very next request. */
export class AccountAdminService {
  constructor(private readonly accounts: AccountRepository) {}

  async create(name: unknown): Promise<CreatedAccount> {
    if (typeof name !== 'string' || !ACCOUNT_NAME.test(name)) {
      throw EcsError.invalid('name', 'use 1–64 letters, digits, ".", "_" or "-", starting with a letter.');
    }
    return this.accounts.createAccount(name);
  }

  list(): Promise<AccountSummary[]> {
    return this.accounts.listAccounts();
  }

  async setEnabled(accessKeyId: string, enabled: boolean): Promise<{ AccessKeyId: string; Enabled: boolean }> {
    if (!ACCESS_KEY_ID.test(accessKeyId)) throw EcsError.invalid('AccessKeyId', 'not an AccessKey id.');
    if (!(await this.accounts.setAccessKeyEnabled(accessKeyId, enabled))) throw new EcsError('InvalidAccessKeyId.NotFound');
    return { AccessKeyId: accessKeyId, Enabled: enabled };
  }
}
