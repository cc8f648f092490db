import type { ImageUsage } from '@ecs/contracts';
import { IsNull } from 'typeorm';
import type { Database } from '../database';
import { InstanceEntity } from '../entities';

/** DeleteImage's question, answered from the instances table: which live instances came from the image. */
export class ImageUsageRepository implements ImageUsage {
  constructor(private readonly db: Database) {}

  async instancesUsing(imageId: string): Promise<string[]> {
    const rows = await this.db.read((m) => m.find(InstanceEntity, { select: { instanceId: true }, where: { imageId, deletedAt: IsNull() }, order: { instanceId: 'ASC' } }));
    return rows.map((row) => row.instanceId);
  }
}
