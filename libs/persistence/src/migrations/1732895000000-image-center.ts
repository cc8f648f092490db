import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The image center's columns on `images`: content (blob digest, size, format), origin and failure reason. */
export class ImageCenter1732895000000 implements MigrationInterface {
  name = 'ImageCenter1732895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('images', [
      new TableColumn({ name: 'blob_digest', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'size_bytes', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'disk_format', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'source_kind', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'source_ref', type: 'varchar', length: '512', isNullable: true }),
      new TableColumn({ name: 'failure_reason', type: 'varchar', length: '256', isNullable: true }),
    ]);
    // Deleting an image frees its blob only when no other image (in the region) still names it.
    await queryRunner.createIndex('images', new TableIndex({ name: 'ix_images_blob', columnNames: ['region_id', 'blob_digest'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('images', 'ix_images_blob');
    for (const column of ['failure_reason', 'source_ref', 'source_kind', 'disk_format', 'size_bytes', 'blob_digest']) {
      await queryRunner.dropColumn('images', column);
    }
  }
}
