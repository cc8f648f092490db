import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An instance's OS name and type are its own, fixed at launch from the image it was created from (as
 * ECS shows them even after that image is deleted), so describing instances needs no image lookup.
 * Instances launched before this migration take them from their image while it still exists.
 */
export class InstanceOs1732910000000 implements MigrationInterface {
  name = 'InstanceOs1732910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('instances', [
      new TableColumn({ name: 'os_name', type: 'varchar', length: '128', isNullable: true }),
      new TableColumn({ name: 'os_type', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await queryRunner.query(
      'UPDATE instances SET os_name = (SELECT images.os_name FROM images WHERE images.image_id = instances.image_id), os_type = (SELECT images.os_type FROM images WHERE images.image_id = instances.image_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('instances', 'os_type');
    await queryRunner.dropColumn('instances', 'os_name');
  }
}
