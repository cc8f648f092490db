import type { Coordinator, Member } from '@ecs/coordination';

/**
 * The live members of one service group, kept current by a coordinator watch: processes announce
 * themselves with ephemeral registrations, so a dead one drops out when its session ends.
 */
export class ServiceWatch<T> {
  private current: readonly Member<T>[] = [];
  private watch: { close(): void } | undefined;

  private constructor(readonly group: string) {}

  static async start<T>(coordinator: Pick<Coordinator, 'watch'>, group: string): Promise<ServiceWatch<T>> {
    const watch = new ServiceWatch<T>(group);
    watch.watch = await coordinator.watch<T>(group, (members) => {
      watch.current = members;
    });
    return watch;
  }

  members(): readonly Member<T>[] {
    return this.current;
  }

  close(): void {
    this.watch?.close();
  }
}

/**
 * Spreads calls over equivalent peers: each call starts at the next member, and the others follow
 * as fallbacks.
 */
export function roundRobin<T extends { readonly url: string }>(members: () => readonly Member<T>[]): { endpoints(): readonly string[] } {
  let next = 0;
  return {
    endpoints() {
      const urls = members().map((m) => m.data.url);
      if (urls.length === 0) return urls;
      const start = next++ % urls.length;
      return [...urls.slice(start), ...urls.slice(0, start)];
    },
  };
}
