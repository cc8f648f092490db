import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

@Entity('access_keys')
export class AccessKeyEntity {
  @PrimaryColumn({ name: 'access_key_id', type: 'varchar', length: 64 }) accessKeyId!: string;
  @Column({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @Column({ name: 'access_key_secret', type: 'varchar', length: 128 }) accessKeySecret!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}
