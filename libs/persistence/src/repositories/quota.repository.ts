import type { QuotaReader, TenantQuota } from '@ecs/contracts';
import type { Database } from '../database';
import { TenantQuotaEntity } from '../entities';
import type { Tx } from '../transaction';
import { RowCodec } from './row-codec';

export interface QuotaDefaults {
  readonly maxVcpus: number;
  readonly maxInstances: number;
}

export interface QuotaSetting {
  readonly accountId: string;
  readonly regionId: string;
  readonly maxVcpus: number;
  readonly maxInstances: number;
}

/** Tenant quotas per region; an account nobody set limits for gets the platform defaults. */
export class QuotaRepository implements QuotaReader {
  /** Read inside every claim transaction: hand-written SQL (see RowCodec). */
  private readonly rows: RowCodec<TenantQuotaEntity>;

  constructor(
    private readonly db: Database,
    readonly defaults: QuotaDefaults,
  ) {
    this.rows = new RowCodec(db.dataSource, TenantQuotaEntity);
  }

  async get(accountId: string, regionId: string, tx?: Tx): Promise<TenantQuota> {
    const find = (m: Tx) => this.rows.selectOne(m, 'account_id = ? AND region_id = ?', [accountId, regionId]);
    const row = await (tx ? find(tx) : this.db.read(find));
    return row ? toQuota(row) : { accountId, regionId, ...this.defaults, isDefault: true };
  }

  async set(quota: QuotaSetting, tx?: Tx): Promise<TenantQuota> {
    const write = (m: Tx) => m.save(TenantQuotaEntity, { ...quota, updatedAt: Date.now() });
    await (tx ? write(tx) : this.db.transaction(write));
    return { ...quota, isDefault: false };
  }

  /** Only the quotas an operator set; everyone else has the defaults. */
  async list(regionId?: string): Promise<TenantQuota[]> {
    const rows = await this.db.read((m) => m.find(TenantQuotaEntity, { where: regionId ? { regionId } : {}, order: { accountId: 'ASC', regionId: 'ASC' } }));
    return rows.map(toQuota);
  }
}

function toQuota(row: TenantQuotaEntity): TenantQuota {
  return { accountId: row.accountId, regionId: row.regionId, maxVcpus: row.maxVcpus, maxInstances: row.maxInstances, isDefault: false };
}
