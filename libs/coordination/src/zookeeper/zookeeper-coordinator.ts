import { createLogger } from '@ecs/observability';
import type { Candidacy, Coordinator, LeadershipListener, Lock, Member, MembershipListener, Registration } from '../coordinator.port';
import { GroupWatch } from './group-watch';
import { readMembers } from './group-members';
import { isSessionTrouble } from './zk-errors';
import { childPath, segment } from './zk-paths';
import { ZooKeeperCandidacy } from './zookeeper-candidacy';
import { parseZooKeeperConfig, type ZooKeeperCoordinatorConfig } from './zookeeper-config';
import { ZooKeeperLockRequest } from './zookeeper-lock-request';
import { ZooKeeperRegistration } from './zookeeper-registration';
import { ZooKeeperSession } from './zookeeper-session';

/**
 * The Coordinator over Apache ZooKeeper, one session per coordinator (per process). Layout under
 * the configured root:
 *   elections/<election>/candidate-<token>-<seq>   EPHEMERAL_SEQUENTIAL, data = candidate id
 *   groups/<group>/<member>                          EPHEMERAL, data = JSON
 *   locks/<lock>/lock-<token>-<seq>                  EPHEMERAL_SEQUENTIAL
 * The persistent parents are never deleted: an election's sequence counter, and so its epochs,
 * lives in its parent node (docs/decisions/0020).
 */
export class ZooKeeperCoordinator implements Coordinator {
  private readonly log = createLogger('coordination.zookeeper');
  private readonly candidacies = new Map<string, ZooKeeperCandidacy>();
  private readonly registrations = new Map<string, ZooKeeperRegistration>();
  private readonly watches = new Set<GroupWatch>();
  private readonly lockRequests = new Set<ZooKeeperLockRequest>();
  private closed = false;

  private constructor(
    private readonly session: ZooKeeperSession,
    private readonly root: string,
  ) {}

  /**
   * Opens a session and makes sure the root exists.
   * @throws RangeError for a bad config; ZooKeeperUnavailableError when no server grants a session.
   */
  static async connect(config: ZooKeeperCoordinatorConfig): Promise<ZooKeeperCoordinator> {
    const valid = parseZooKeeperConfig(config);
    const session = await ZooKeeperSession.open(
      { connectionString: valid.connectionString, sessionTimeoutMs: valid.sessionTimeoutMs, connectTimeoutMs: valid.connectTimeoutMs },
      createLogger('coordination.zookeeper', { root: valid.root }),
    );
    try {
      await session.current.mkdirp(valid.root);
    } catch (error) {
      await session.close();
      throw error;
    }
    return new ZooKeeperCoordinator(session, valid.root);
  }

  /** The session timeout the server granted, which bounds how fast a dead member or leader is noticed. */
  get sessionTimeoutMs(): number {
    return this.session.timeoutMs;
  }

  /** The id of the current session, in hex as ZooKeeper's tools print it. */
  get sessionId(): string {
    return this.session.current.sessionId;
  }

  async campaign(election: string, candidateId: string, listener: LeadershipListener): Promise<Candidacy> {
    this.assertOpen();
    const dir = this.path('elections', segment('election', election));
    const key = `${election}\u0000${candidateId}`;
    if (this.candidacies.has(key)) throw new Error(`candidate "${candidateId}" is already campaigning in election "${election}"`);
    await this.session.current.mkdirp(dir);
    const candidacy = new ZooKeeperCandidacy(this.session, dir, candidateId, listener, this.log.child({ election }), () => this.candidacies.delete(key));
    this.candidacies.set(key, candidacy);
    await candidacy.start();
    return candidacy;
  }

  /**
   * Registers an ephemeral member. A node of the same id left by a dead predecessor (a restarted
   * process) is waited out for up to two session timeouts: the server expires a session between
   * its timeout and one tick later, counted from its last ping, which was up to a third of a
   * timeout before the predecessor died.
   * @throws MemberTakenError when a live session keeps that id.
   */
  async register<T>(group: string, memberId: string, data: T): Promise<Registration> {
    this.assertOpen();
    const dir = this.path('groups', segment('group', group));
    const path = childPath(dir, segment('member', memberId));
    if (this.registrations.has(path)) throw new Error(`member "${memberId}" is already registered in group "${group}"`);
    await this.session.current.mkdirp(dir);
    const registration = new ZooKeeperRegistration(this.session, path, data, this.log.child({ group }), () => this.registrations.delete(path));
    this.registrations.set(path, registration);
    try {
      await registration.create(2 * this.session.timeoutMs);
    } catch (error) {
      registration.abandon();
      throw error;
    }
    return registration;
  }

  async members<T>(group: string): Promise<Member<T>[]> {
    this.assertOpen();
    const dir = this.path('groups', segment('group', group));
    for (;;) {
      try {
        return await readMembers<T>(this.session.current, dir, this.log);
      } catch (error) {
        if (!isSessionTrouble(error) || this.session.isClosed) throw error;
        await this.session.settled();
      }
    }
  }

  async watch<T>(group: string, listener: MembershipListener<T>): Promise<{ close(): void }> {
    this.assertOpen();
    const dir = this.path('groups', segment('group', group));
    await this.session.current.mkdirp(dir);
    // Members of a group are registered by callers agreeing on its data type, as with ZooKeeper node data.
    const watch = new GroupWatch(this.session, dir, listener as MembershipListener<unknown>, this.log.child({ group }));
    await watch.start();
    this.watches.add(watch);
    return {
      close: () => {
        watch.close();
        this.watches.delete(watch);
      },
    };
  }

  async lock(name: string, timeoutMs: number): Promise<Lock> {
    this.assertOpen();
    if (!(timeoutMs >= 0)) throw new RangeError(`lock timeout must be >= 0 ms, got ${timeoutMs}`);
    const request = new ZooKeeperLockRequest(this.session, this.path('locks', segment('lock', name)), name, timeoutMs);
    this.lockRequests.add(request);
    try {
      return await request.acquire();
    } finally {
      this.lockRequests.delete(request);
    }
  }

  /**
   * Test hook for fault tests: the server expires this coordinator's session (see
   * ZooKeeperSession.expire). Leaders hear onDeposed, every node of the session vanishes for
   * everyone else, and the coordinator carries on in a new session: candidates campaign again
   * with new, higher epochs and members register again. Resolves once the new session is up.
   */
  async expireSession(): Promise<void> {
    this.assertOpen();
    await this.session.expire();
  }

  /** Ends the session: leaders are deposed, lock waiters fail, and every ephemeral node goes at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const candidacy of [...this.candidacies.values()]) candidacy.abandon();
    for (const registration of [...this.registrations.values()]) registration.abandon();
    for (const watch of this.watches) watch.close();
    for (const request of this.lockRequests) request.abandon(new Error('coordinator closed'));
    this.candidacies.clear();
    this.watches.clear();
    await this.session.close();
  }

  private path(kind: 'elections' | 'groups' | 'locks', name: string): string {
    return childPath(childPath(this.root, kind), name);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('coordinator is closed');
  }
}
