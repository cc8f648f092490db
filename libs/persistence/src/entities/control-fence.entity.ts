import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The highest leader epoch that has written, per election: leader-only transactions check it under
 * a shared lock, so a deposed leader's writes fail once its successor has advanced it.
 */
@Entity('control_fence')
export class ControlFenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) epoch!: number;
}
