/**
 * Fixed-window counting shared by the adapters: each window gets its own key, named by the window's
 * start, so a counter never needs resetting — the old window's key simply expires.
 */
export function fixedWindow(key: string, windowMs: number, now: number): { key: string; endsAt: number } {
  if (!(Number.isInteger(windowMs) && windowMs > 0)) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
  const start = Math.floor(now / windowMs) * windowMs;
  return { key: `${key}:${start}`, endsAt: start + windowMs };
}

/** Both adapters refuse the same TTLs, so code tested on one behaves alike on the other. */
export function assertTtl(ttlMs: number): void {
  if (!(Number.isInteger(ttlMs) && ttlMs > 0)) throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
}
