import type { MetadataSocketAnswer } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { MetaServer } from '../metaserver';

/** The host agent's requests to the metaserver of its host: which instances get a socket. */
export class MetadataSockets {
  constructor(private readonly metaServer: MetaServer) {}

  async attach(instanceId: unknown): Promise<MetadataSocketAnswer> {
    const id = idOf(instanceId);
    await this.metaServer.attach(id);
    return { socketPath: this.metaServer.socketPath(id) };
  }

  detach(instanceId: unknown): Promise<void> {
    return this.metaServer.detach(idOf(instanceId));
  }

  reconcile(instanceIds: unknown): Promise<void> {
    if (!Array.isArray(instanceIds)) throw new EcsError('InvalidInstanceId.NotFound');
    return this.metaServer.reconcile(instanceIds.map(idOf));
  }
}

/** The agent is one of ours; an id that is no string is its bug, refused before any socket is touched. */
function idOf(instanceId: unknown): string {
  if (typeof instanceId !== 'string' || instanceId === '') throw new EcsError('InvalidInstanceId.NotFound');
  return instanceId;
}
