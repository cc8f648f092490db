import { randomBytes } from 'node:crypto';
import type { CatalogReader, ImageQuery, ImageRecord, InstanceFamilyRecord, InstanceTypeRecord, RegionRecord, SaleSpecRecord, ZoneRecord } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import type { Cache } from '../cache.port';
import { BestEffortCache, type BestEffortCacheOptions } from '../best-effort/best-effort-cache';

export interface CachedCatalogOptions extends BestEffortCacheOptions {
  /**
   * Whose copy of the catalog this is (the region the business layer serves): two deployments
   * sharing a key prefix but not a database never read each other's entries.
   */
  readonly scope: string;
  /**
   * Longest life of an entry. Invalidation is immediate; this bounds how long an edit can stay
   * unseen when its invalidation could not reach the cache.
   */
  readonly entryTtlMs?: number;
}

const VERSION_KEY = 'catalog:version';
/** Kept long, but not forever: a version that expires only costs every reader one miss. */
const VERSION_TTL_MS = 24 * 60 * 60_000;
const DEFAULT_ENTRY_TTL_MS = 10_000;

const log = createLogger('cache.catalog');

/**
 * The sales catalog read through the shared cache. Entries live under the current catalog version,
 * a random token every catalog edit replaces (after its commit, from any business replica): a
 * reader fetches the version before the database, so what it fills under a version is never older
 * than the edit that set it, and nobody reads an old version's entries again. A flush or an
 * evicted version key simply mints a new version; a random one never meets entries of an earlier
 * life. Images are not cached: tenants and the image center change them all the time, per account.
 */
export class CachedCatalog implements CatalogReader {
  private readonly cache: BestEffortCache;
  private readonly entryTtlMs: number;
  /** The version seen last: its entry is fetched together with the version, so a hit costs one round trip. */
  private lastVersion: string | undefined;

  constructor(
    private readonly source: CatalogReader,
    cache: Cache,
    private readonly options: CachedCatalogOptions,
  ) {
    this.cache = new BestEffortCache(cache, 'catalog', options);
    this.entryTtlMs = options.entryTtlMs ?? DEFAULT_ENTRY_TTL_MS;
  }

  regions(): Promise<RegionRecord[]> {
    return this.read('regions', () => this.source.regions());
  }

  zones(regionId: string): Promise<ZoneRecord[]> {
    return this.read(`zones:${regionId}`, () => this.source.zones(regionId));
  }

  families(): Promise<InstanceFamilyRecord[]> {
    return this.read('families', () => this.source.families());
  }

  instanceTypes(): Promise<InstanceTypeRecord[]> {
    return this.read('instance-types', () => this.source.instanceTypes());
  }

  /** From the cached list: a few dozen types, and one entry to invalidate rather than one per type. */
  async instanceType(instanceTypeId: string): Promise<InstanceTypeRecord | undefined> {
    return (await this.instanceTypes()).find((type) => type.instanceTypeId === instanceTypeId);
  }

  images(query: ImageQuery): Promise<ImageRecord[]> {
    return this.source.images(query);
  }

  saleSpecs(regionId: string): Promise<SaleSpecRecord[]> {
    return this.read(`sale-specs:${regionId}`, () => this.source.saleSpecs(regionId));
  }

  /** After a catalog edit has committed: every replica's next read goes to the database. Never throws. */
  async invalidate(): Promise<void> {
    const done = await this.cache.invalidate('invalidate', (cache) => cache.set(VERSION_KEY, newVersion(), VERSION_TTL_MS));
    if (!done) log.warn('could not invalidate the cached catalog; its entries expire by themselves', { entryTtlMs: this.entryTtlMs });
  }

  private async read<T extends unknown[]>(what: string, load: () => Promise<T>): Promise<T> {
    const guess = this.lastVersion;
    const [seen, guessed] = await Promise.all([
      this.cache.attempt('version', (cache) => cache.get(VERSION_KEY)),
      guess === undefined ? undefined : this.cache.attempt('entry', (cache) => cache.get(this.key(guess, what))),
    ]);
    const version = seen ?? (await this.startVersion());
    // The cache is down or slow: the database answers, and nothing is filled.
    if (version === undefined) return load();
    this.lastVersion = version;
    const raw = version === guess ? guessed : await this.cache.attempt('entry', (cache) => cache.get(this.key(version, what)));
    const hit = raw === undefined ? undefined : parse<T>(raw);
    if (hit !== undefined) return hit;
    const value = await load();
    await this.cache.attempt('fill', (cache) => cache.set(this.key(version, what), JSON.stringify(value), this.entryTtlMs));
    return value;
  }

  /** No version (a fresh or flushed cache): the first reader to mint one wins, the others adopt it. */
  private async startVersion(): Promise<string | undefined> {
    const mine = newVersion();
    const created = await this.cache.attempt('version', (cache) => cache.setIfAbsent(VERSION_KEY, mine, VERSION_TTL_MS));
    if (created === undefined) return undefined;
    return created ? mine : this.cache.attempt('version', (cache) => cache.get(VERSION_KEY));
  }

  private key(version: string, what: string): string {
    return `catalog:${version}:${this.options.scope}:${what}`;
  }
}

function newVersion(): string {
  return randomBytes(9).toString('base64url');
}

/** Every cached read is a list; anything else (damaged, or another code version's) is a miss. */
function parse<T extends unknown[]>(raw: string): T | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
