import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ControlFence1732900000000 implements MigrationInterface {
  name = 'ControlFence1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'control_fence',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'epoch', type: 'bigint' },
        ],
      }),
      true,
    );
    // The row exists before any leader needs it, so fencing never races to create it.
    await queryRunner.manager.createQueryBuilder().insert().into('control_fence').values({ name: 'control-leader', epoch: 0 }).execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('control_fence', true);
  }
}
