import { InstanceEntity } from '@ecs/persistence';
import { DiskNotExportableError, InstanceDiskExport } from './instance-disk-export';

function row(overrides: Partial<InstanceEntity>): InstanceEntity {
  return Object.assign(new InstanceEntity(), { instanceId: 'i-disk', hostId: 'h-1', status: 'Stopped', ...overrides });
}

describe('InstanceDiskExport', () => {
  const asked: string[] = [];
  const hosts = {
    exportDisk: async (hostId: string, instanceId: string) => {
      asked.push(`${hostId}/${instanceId}`);
      return { kind: 'file' as const, path: `/exports/${instanceId}.qcow2` };
    },
  };
  const exporter = (...entities: InstanceEntity[]) => new InstanceDiskExport({ get: async (id) => entities.find((e) => e.instanceId === id) }, hosts);

  beforeEach(() => asked.splice(0));

  it("has the instance's host export the disk of a Stopped instance", async () => {
    expect(await exporter(row({})).exportDisk('i-disk')).toEqual({ kind: 'file', path: '/exports/i-disk.qcow2' });
    expect(asked).toEqual(['h-1/i-disk']);
  });

  it.each([
    ['started since the image was asked for', row({ status: 'Running' }), /Running, not Stopped/],
    ['deleted', row({ status: 'Deleted' }), /does not exist/],
    ['on no host', row({ hostId: null }), /on no host/],
  ])('refuses an instance %s without asking any host', async (_what, entity, message) => {
    const refused = exporter(entity).exportDisk('i-disk');
    await expect(refused).rejects.toBeInstanceOf(DiskNotExportableError);
    await expect(refused).rejects.toThrow(message);
    expect(asked).toEqual([]);
  });
});
