import { randomUUID } from 'node:crypto';
import { LessThan } from 'typeorm';
import type { Database } from '../database';
import { TaskEntity, type TaskKind } from '../entities';
import type { Tx } from '../transaction';
import { RowCodec } from './row-codec';

/** Durable tasks with deadlines: what control is waiting for a host to do. */
export class TaskRepository {
  /** Every launch, power action and report opens or finishes a task: hand-written SQL (see RowCodec). */
  private readonly rows: RowCodec<TaskEntity>;

  constructor(private readonly db: Database) {
    this.rows = new RowCodec(db.dataSource, TaskEntity);
  }

  async open(tx: Tx, task: { instanceId: string; kind: TaskKind; operation: string; powerGeneration: number; deadlineAt: number }): Promise<string> {
    // A new intent supersedes whatever the instance was still waiting for.
    await this.rows.update(tx, { status: 'failed', finishedAt: Date.now() }, [], "instance_id = ? AND status = 'pending'", [task.instanceId]);
    const taskId = randomUUID();
    await this.rows.insert(tx, Object.assign(new TaskEntity(), { ...task, taskId, status: 'pending', createdAt: Date.now(), finishedAt: null }));
    return taskId;
  }

  async pendingFor(tx: Tx, instanceId: string): Promise<TaskEntity | undefined> {
    return this.rows.selectOne(tx, "instance_id = ? AND status = 'pending'", [instanceId]);
  }

  async finish(tx: Tx, taskId: string, status: 'succeeded' | 'failed' | 'expired'): Promise<boolean> {
    return (await this.rows.update(tx, { status, finishedAt: Date.now() }, [], "task_id = ? AND status = 'pending'", [taskId])) === 1;
  }

  async overdue(now: number, limit: number): Promise<TaskEntity[]> {
    return this.db.read((m) => m.find(TaskEntity, { where: { status: 'pending', deadlineAt: LessThan(now) }, order: { deadlineAt: 'ASC' }, take: limit }));
  }

  async forInstance(instanceId: string): Promise<TaskEntity[]> {
    return this.db.read((m) => m.find(TaskEntity, { where: { instanceId }, order: { createdAt: 'ASC' } }));
  }
}
