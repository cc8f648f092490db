/** Runs work for one key at a time, in arrival order; different keys run concurrently. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // The last one out leaves no entry behind, so the map does not grow with every digest ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
