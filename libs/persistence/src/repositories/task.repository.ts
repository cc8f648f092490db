import { randomUUID } from 'node:crypto';
import { LessThan } from 'typeorm';
import type { Database } from '../database';
import { TaskEntity, type TaskKind } from '../entities';
import type { Tx } from '../transaction';

/** Durable tasks with deadlines: what control is waiting for a host to do. */
export class TaskRepository {
  constructor(private readonly db: Database) {}

  async open(tx: Tx, task: { instanceId: string; kind: TaskKind; operation: string; powerGeneration: number; deadlineAt: number }): Promise<string> {
    // A new intent supersedes whatever the instance was still waiting for.
    await tx.update(TaskEntity, { instanceId: task.instanceId, status: 'pending' }, { status: 'failed', finishedAt: Date.now() });
    const taskId = randomUUID();
    await tx.insert(TaskEntity, { ...task, taskId, status: 'pending', createdAt: Date.now(), finishedAt: null });
    return taskId;
  }

  async pendingFor(tx: Tx, instanceId: string): Promise<TaskEntity | undefined> {
    return (await tx.findOneBy(TaskEntity, { instanceId, status: 'pending' })) ?? undefined;
  }

  async finish(tx: Tx, taskId: string, status: 'succeeded' | 'failed' | 'expired'): Promise<boolean> {
    const result = await tx.update(TaskEntity, { taskId, status: 'pending' }, { status, finishedAt: Date.now() });
    return result.affected === 1;
  }

  async overdue(now: number, limit: number): Promise<TaskEntity[]> {
    return this.db.read((m) => m.find(TaskEntity, { where: { status: 'pending', deadlineAt: LessThan(now) }, order: { deadlineAt: 'ASC' }, take: limit }));
  }

  async forInstance(instanceId: string): Promise<TaskEntity[]> {
    return this.db.read((m) => m.find(TaskEntity, { where: { instanceId }, order: { createdAt: 'ASC' } }));
  }
}
