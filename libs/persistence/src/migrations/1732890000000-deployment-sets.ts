import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class DeploymentSets1732890000000 implements MigrationInterface {
  name = 'DeploymentSets1732890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'deployment_sets',
        columns: [
          { name: 'deployment_set_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '32' },
          { name: 'region_id', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'description', type: 'varchar', length: '256' },
          { name: 'strategy', type: 'varchar', length: '32' },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'ix_deployment_sets_account', columnNames: ['account_id', 'region_id'] })],
      }),
      true,
    );
    await queryRunner.createIndex('allocations', new TableIndex({ name: 'ix_allocations_deployment_set', columnNames: ['deployment_set_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('allocations', 'ix_allocations_deployment_set');
    await queryRunner.dropTable('deployment_sets', true);
  }
}
