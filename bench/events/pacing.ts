/** Calls `send` for every item, either as fast as a bounded window allows or at a fixed rate. */
export async function pace<T>(items: readonly T[], send: (item: T) => Promise<void>, options: { readonly ratePerSec?: number; readonly window: number }): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (let n = 0; n < items.length; n++) {
    if (options.ratePerSec !== undefined) {
      const dueAt = started + (n * 1_000) / options.ratePerSec;
      const wait = dueAt - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    while (inFlight.size >= options.window) await Promise.race(inFlight);
    const sent: Promise<void> = send(items[n]).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
}

/** Resolves once `done()` holds, or rejects after `timeoutMs` naming `what`. */
export async function waitFor(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
