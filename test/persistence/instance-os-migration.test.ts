import { ImageEntity, InstanceRepository, type Database } from '@ecs/persistence';
import { TEST_DATABASES, type TestDatabase } from '@ecs/testing';
import { instanceRow } from './instance-row';

function image(imageId: string, osName: string): ImageEntity {
  return Object.assign(new ImageEntity(), {
    imageId, regionId: 'r', imageName: imageId, description: '', osName, osType: 'linux', platform: 'Ubuntu', architecture: 'x86_64',
    sizeGiB: 20, status: 'Available', ownerAlias: 'system', ownerAccountId: null, createdAt: Date.now(),
  });
}

describe.each(TEST_DATABASES)('instance OS migration on %s', (_name, open) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
  });
  afterAll(async () => handle.dispose());

  it('gives instances that predate it the OS of their image, and none when the image is gone', async () => {
    const instances = new InstanceRepository(db);
    await db.transaction(async (tx) => {
      await tx.insert(ImageEntity, image('img-ubuntu', 'Ubuntu 22.04 64 bit'));
      await instances.insert(tx, { ...instanceRow('i-old-kept'), imageId: 'img-ubuntu' }, []);
      await instances.insert(tx, { ...instanceRow('i-old-gone'), imageId: 'img-deleted' }, []);
    });
    // Back to the schema before the migration (its columns dropped, and any later migration's), then forward again.
    const after = db.dataSource.migrations.length - db.dataSource.migrations.findIndex((m) => m.name === 'InstanceOs1732910000000');
    for (let n = 0; n < after; n++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    await db.dataSource.runMigrations({ transaction: 'each' });

    expect(await instances.get('i-old-kept')).toMatchObject({ osName: 'Ubuntu 22.04 64 bit', osType: 'linux' });
    expect(await instances.get('i-old-gone')).toMatchObject({ osName: null, osType: null });
  });
});
