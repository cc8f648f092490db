import type { Member, MembershipListener, Registration } from '../coordinator.port';
import { SessionExpiredError } from '../coordination-errors';
import { notify } from './notify';

class MemberRegistration implements Registration {
  constructor(
    readonly memberId: string,
    private readonly group: MembershipGroup,
  ) {}

  async update(data: unknown): Promise<void> {
    this.group.replace(this, data);
  }

  async close(): Promise<void> {
    this.group.remove(this);
  }
}

/**
 * Ephemeral members of one group (ZooKeeper ephemeral children of one path). A member's node
 * belongs to the registration that created it: once expired, that registration cannot touch a
 * node a restarted process registered under the same id.
 */
export class MembershipGroup {
  private readonly members = new Map<string, { owner: MemberRegistration; data: unknown }>();
  private readonly watchers = new Set<MembershipListener<unknown>>();

  constructor(readonly name: string) {}

  add(memberId: string, data: unknown): Registration {
    if (this.members.has(memberId)) throw new Error(`member "${memberId}" is already registered in group "${this.name}"`);
    const owner = new MemberRegistration(memberId, this);
    this.members.set(memberId, { owner, data });
    this.changed();
    return owner;
  }

  replace(owner: MemberRegistration, data: unknown): void {
    if (this.members.get(owner.memberId)?.owner !== owner) throw new SessionExpiredError(`member "${owner.memberId}" of group "${this.name}"`);
    this.members.set(owner.memberId, { owner, data });
    this.changed();
  }

  remove(owner: MemberRegistration): void {
    if (this.members.get(owner.memberId)?.owner !== owner) return;
    this.members.delete(owner.memberId);
    this.changed();
  }

  /** Removes the member with this id, whoever registered it; returns whether there was one. */
  expire(memberId: string): boolean {
    if (!this.members.delete(memberId)) return false;
    this.changed();
    return true;
  }

  removeAll(): void {
    this.members.clear();
    this.watchers.clear();
  }

  /** Sorted by id, so every reader sees the same order. */
  snapshot(): Member<unknown>[] {
    return [...this.members.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, { data }]) => ({ id, data }));
  }

  /** The listener hears the current members first, then the full list after every change. */
  watch(listener: MembershipListener<unknown>): { close(): void } {
    this.watchers.add(listener);
    this.deliver(listener);
    return { close: () => void this.watchers.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.watchers) this.deliver(listener);
  }

  private deliver(listener: MembershipListener<unknown>): void {
    const members = this.snapshot();
    notify(`membership of ${this.name}`, () => {
      // A watcher closed after the change but before delivery hears nothing more.
      if (this.watchers.has(listener)) listener(members);
    });
  }
}
