import { StaleEpochError, type DesiredDomain, type HostCommand } from '@ecs/contracts';
import type { DesiredEntry } from './desired-entry';

export interface DesiredSnapshot {
  readonly epoch: number;
  readonly domains: readonly DesiredDomain[];
}

/**
 * The agent's copy of control's desired state, fenced by the leader epoch. Commands patch it; a
 * resync replaces it with control's snapshot and then replays the commands that arrived while the
 * snapshot was being fetched, since the snapshot may predate them.
 */
export class DesiredBook {
  private epoch = 0;
  private entries = new Map<string, DesiredEntry>();
  private known = false;
  private sinceResyncBegan: HostCommand[] | undefined;

  get highestEpoch(): number {
    return this.epoch;
  }

  /** False until the first snapshot arrives: until then the agent must not tear anything down. */
  get isKnown(): boolean {
    return this.known;
  }

  /**
   * Applies a command unless a newer leader has already been heard from.
   * @returns false when the command names an instance the book does not hold and so changed nothing.
   * @throws StaleEpochError if the command's epoch is lower than the highest seen.
   */
  accept(command: HostCommand): boolean {
    if (command.epoch < this.epoch) throw new StaleEpochError(command.epoch, this.epoch);
    this.epoch = command.epoch;
    this.sinceResyncBegan?.push(command);
    return this.apply(command);
  }

  beginResync(): void {
    this.sinceResyncBegan = [];
  }

  abandonResync(): void {
    this.sinceResyncBegan = undefined;
  }

  /** @returns false, leaving the book unchanged, when the snapshot is older than a command already obeyed. */
  completeResync(snapshot: DesiredSnapshot): boolean {
    const replay = this.sinceResyncBegan ?? [];
    this.sinceResyncBegan = undefined;
    if (snapshot.epoch < this.epoch) return false;
    this.epoch = snapshot.epoch;
    const previous = this.entries;
    this.entries = new Map();
    for (const domain of snapshot.domains) {
      const prior = previous.get(domain.spec.instanceId);
      this.entries.set(domain.spec.instanceId, {
        domain,
        forceOff: domain.power === 'off' && prior?.forceOff === true,
        rebootGeneration: latestReboot(prior?.rebootGeneration, domain.rebootGeneration),
      });
    }
    for (const command of replay) if (command.epoch >= snapshot.epoch) this.apply(command);
    this.known = true;
    return true;
  }

  snapshot(): ReadonlyMap<string, DesiredEntry> {
    return new Map(this.entries);
  }

  private apply(command: HostCommand): boolean {
    switch (command.kind) {
      case 'ensure': {
        const prior = this.entries.get(command.domain.spec.instanceId);
        // An intent older than the one held arrived late (retried send, resync replay): keep the newer.
        if (prior && command.domain.generation < prior.domain.generation) return true;
        this.entries.set(command.domain.spec.instanceId, {
          domain: command.domain,
          forceOff: command.domain.power === 'off' && prior?.forceOff === true,
          rebootGeneration: latestReboot(prior?.rebootGeneration, command.domain.rebootGeneration),
        });
        return true;
      }
      case 'reboot': {
        const prior = this.entries.get(command.instanceId);
        if (!prior) return false;
        const generation = Math.max(prior.domain.generation, command.generation);
        this.entries.set(command.instanceId, {
          ...prior,
          domain: { ...prior.domain, generation },
          rebootGeneration: Math.max(prior.rebootGeneration ?? -Infinity, command.generation),
        });
        return true;
      }
      case 'destroy': {
        const prior = this.entries.get(command.instanceId);
        if (!prior) return false;
        this.entries.set(command.instanceId, { ...prior, domain: { ...prior.domain, power: 'off' }, forceOff: true });
        return true;
      }
      case 'remove':
        return this.entries.delete(command.instanceId);
    }
  }
}

function latestReboot(held: number | undefined, asked: number | undefined): number | undefined {
  if (held === undefined) return asked;
  if (asked === undefined) return held;
  return Math.max(held, asked);
}
