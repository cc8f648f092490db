import type { Candidacy, Coordinator, LeadershipListener, Lock, Member, MembershipListener, Registration } from '../coordinator.port';
import { Election } from './election';
import { LockTable } from './lock-table';
import { MembershipGroup } from './membership-group';

/**
 * The all-in-one coordinator: ZooKeeper's election, ephemeral-membership and lock recipes over
 * in-process state. `expireSession` stands in for a session timeout, so fault tests can depose a
 * leader or make a host vanish without a ZooKeeper ensemble.
 */
export class InProcessCoordinator implements Coordinator {
  private readonly elections = new Map<string, Election>();
  private readonly groups = new Map<string, MembershipGroup>();
  private readonly locks = new LockTable();
  private closed = false;

  async campaign(election: string, candidateId: string, listener: LeadershipListener): Promise<Candidacy> {
    this.assertOpen();
    return this.election(election).join(candidateId, listener);
  }

  async register<T>(group: string, memberId: string, data: T): Promise<Registration> {
    this.assertOpen();
    return this.group(group).add(memberId, data);
  }

  async members<T>(group: string): Promise<Member<T>[]> {
    this.assertOpen();
    // Members of a group are registered by callers agreeing on its data type, as with ZooKeeper node data.
    return (this.groups.get(group)?.snapshot() ?? []) as Member<T>[];
  }

  async watch<T>(group: string, listener: MembershipListener<T>): Promise<{ close(): void }> {
    this.assertOpen();
    return this.group(group).watch(listener as MembershipListener<unknown>);
  }

  async lock(name: string, timeoutMs: number): Promise<Lock> {
    this.assertOpen();
    return this.locks.acquire(name, timeoutMs);
  }

  /**
   * Test hook: the session of every candidacy and registration made under `id` (a candidateId or
   * memberId) expires. Their nodes vanish, watchers hear of it, a leader is deposed and the next
   * candidate elected. Returns whether anything vanished.
   */
  expireSession(id: string): boolean {
    let vanished = 0;
    for (const election of this.elections.values()) vanished += election.expire(id);
    for (const group of this.groups.values()) if (group.expire(id)) vanished++;
    return vanished > 0;
  }

  /** Ends every session this coordinator holds: leaders are deposed, members and lock waiters dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const election of this.elections.values()) election.withdrawAll();
    for (const group of this.groups.values()) group.removeAll();
    this.locks.abandonAll(new Error('coordinator closed'));
  }

  private election(name: string): Election {
    let election = this.elections.get(name);
    if (election === undefined) {
      election = new Election(name);
      this.elections.set(name, election);
    }
    return election;
  }

  private group(name: string): MembershipGroup {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = new MembershipGroup(name);
      this.groups.set(name, group);
    }
    return group;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('coordinator is closed');
  }
}
