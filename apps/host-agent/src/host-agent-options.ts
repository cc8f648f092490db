import type { ImageCache } from '@ecs/contracts';
import type { BackoffOptions } from './loop/backoff';

export interface HostAgentOptions {
  /** How often the agent pulls the whole desired state, so lost commands and events still converge. */
  readonly resyncIntervalMs: number;
  /**
   * Each resync comes after `resyncIntervalMs` ± this fraction of it, drawn afresh every time, so agents
   * started together do not pull in lockstep forever. 0.25 when unset.
   */
  readonly resyncJitter?: number;
  /** How long a guest gets to power off gracefully before the driver forces it. */
  readonly shutdownTimeoutMs: number;
  /** Retry pacing after a failed pass (host lost, control or event bus unreachable); {@link DEFAULT_BACKOFF} when unset. */
  readonly backoff?: BackoffOptions;
  /** How long a command or lifecycle event waits for others to share its pass; 0 (the next turn of the event loop) when unset. */
  readonly coalesceMs?: number;
  /**
   * At most this often a resync re-reports every desired domain, changed or not (the first resync of a
   * run always does): control converges even if reports were lost, without a whole fleet rewriting
   * every instance each resync. 60 s when unset.
   */
  readonly fullReportIntervalMs?: number;
  /**
   * The host's image cache: the images it holds go into the registration, where the scheduler's
   * ImageCacheWeigher looks for them. Re-read after every pass, since a define may have pulled one.
   */
  readonly imageCache?: Pick<ImageCache, 'cachedImageIds'>;
}

/** Quick first retries for blips, a ceiling that keeps a dead host from being hammered, jitter against herds. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000, multiplier: 2, jitter: 0.2 };

/** The coordinator group every agent joins, keyed by host id, carrying its HostRegistration. */
export const HOSTS_GROUP = 'hosts';
