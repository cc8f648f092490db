/**
 * ZooKeeper-style coordination: leader election with fencing epochs, ephemeral membership
 * (host liveness, service discovery) and locks.
 */
export interface LeadershipListener {
  /** Called when this candidate becomes leader; `epoch` is strictly greater than any earlier leader's. */
  onElected(epoch: number): void;
  /** Called when leadership is lost or may have been (session trouble): stop acting at once. */
  onDeposed(): void;
}

export interface Candidacy {
  readonly candidateId: string;
  isLeader(): boolean;
  /** The epoch while leading; undefined otherwise. */
  epoch(): number | undefined;
  resign(): Promise<void>;
}

export interface Member<T> {
  readonly id: string;
  readonly data: T;
}

export interface MembershipListener<T> {
  (members: readonly Member<T>[]): void;
}

export interface Registration {
  /** Replace the data others see for this member (e.g. capacity or image cache changes). */
  update(data: unknown): Promise<void>;
  /** Leave the group (an agent shutting down cleanly); a dead process leaves by session expiry. */
  close(): Promise<void>;
}

export interface Lock {
  release(): Promise<void>;
}

export interface Coordinator {
  campaign(election: string, candidateId: string, listener: LeadershipListener): Promise<Candidacy>;
  register<T>(group: string, memberId: string, data: T): Promise<Registration>;
  members<T>(group: string): Promise<Member<T>[]>;
  watch<T>(group: string, listener: MembershipListener<T>): Promise<{ close(): void }>;
  lock(name: string, timeoutMs: number): Promise<Lock>;
  close(): Promise<void>;
}

export const COORDINATOR = Symbol('Coordinator');
