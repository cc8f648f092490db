import { StaleEpochError, type DesiredDomain, type HostCommand } from '@ecs/contracts';
import { DesiredBook } from './desired-book';

function domain(instanceId: string, power: DesiredDomain['power'], generation: number): DesiredDomain {
  return {
    spec: { instanceId, vcpus: 1, memoryMiB: 1024, diskGiB: 20, imageId: 'm-1', hostName: instanceId, mac: '00:16:3e:00:00:01', privateIp: '10.0.0.2' },
    power,
    generation,
  };
}

function ensure(epoch: number, instanceId: string, power: DesiredDomain['power'], generation: number): HostCommand {
  return { kind: 'ensure', epoch, domain: domain(instanceId, power, generation) };
}

function entryOf(book: DesiredBook, instanceId: string) {
  return book.snapshot().get(instanceId);
}

describe('DesiredBook', () => {
  it('is unknown until the first snapshot arrives', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'on', 1));
    expect(book.isKnown).toBe(false);
    book.beginResync();
    expect(book.completeResync({ epoch: 1, domains: [] })).toBe(true);
    expect(book.isKnown).toBe(true);
  });

  it('rejects a command older than the highest epoch seen, from commands or snapshots', () => {
    const book = new DesiredBook();
    book.accept(ensure(3, 'i-1', 'on', 1));
    expect(() => book.accept(ensure(2, 'i-1', 'off', 2))).toThrow(StaleEpochError);
    book.accept(ensure(3, 'i-1', 'off', 2));
    book.beginResync();
    book.completeResync({ epoch: 7, domains: [] });
    expect(() => book.accept({ kind: 'remove', epoch: 6, instanceId: 'i-1' })).toThrow(new StaleEpochError(6, 7));
    expect(book.highestEpoch).toBe(7);
  });

  it('keeps the newer intent when an older generation arrives late', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'off', 5));
    book.accept(ensure(1, 'i-1', 'on', 4));
    expect(entryOf(book, 'i-1')?.domain).toMatchObject({ power: 'off', generation: 5 });
  });

  it('records a reboot per generation and bumps the desired generation', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'on', 2));
    expect(book.accept({ kind: 'reboot', epoch: 1, instanceId: 'i-1', generation: 3 })).toBe(true);
    expect(entryOf(book, 'i-1')).toMatchObject({ rebootGeneration: 3, domain: { generation: 3, power: 'on' } });
    expect(book.accept({ kind: 'reboot', epoch: 1, instanceId: 'i-missing', generation: 3 })).toBe(false);
  });

  it('turns destroy into a forced power-off that a later power-on clears', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'on', 1));
    book.accept({ kind: 'destroy', epoch: 1, instanceId: 'i-1' });
    expect(entryOf(book, 'i-1')).toMatchObject({ forceOff: true, domain: { power: 'off', generation: 1 } });
    book.accept(ensure(1, 'i-1', 'off', 1));
    expect(entryOf(book, 'i-1')?.forceOff).toBe(true);
    book.accept(ensure(1, 'i-1', 'on', 2));
    expect(entryOf(book, 'i-1')?.forceOff).toBe(false);
  });

  it('forgets removed domains', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'on', 1));
    expect(book.accept({ kind: 'remove', epoch: 1, instanceId: 'i-1' })).toBe(true);
    expect(book.snapshot().size).toBe(0);
  });

  it('replaces its entries with a snapshot, replaying commands that arrived during the fetch', () => {
    const book = new DesiredBook();
    book.accept(ensure(2, 'i-old', 'on', 1));
    book.beginResync();
    book.accept(ensure(2, 'i-new', 'on', 1));
    book.accept({ kind: 'remove', epoch: 2, instanceId: 'i-gone' });
    // The snapshot was read before both commands: it lacks i-new and still holds i-gone.
    book.completeResync({ epoch: 2, domains: [domain('i-gone', 'on', 1), domain('i-kept', 'off', 3)] });
    expect([...book.snapshot().keys()].sort()).toEqual(['i-kept', 'i-new']);
  });

  it('does not let a replayed command from an older leader override a newer snapshot', () => {
    const book = new DesiredBook();
    book.beginResync();
    book.accept(ensure(1, 'i-1', 'on', 1));
    book.completeResync({ epoch: 2, domains: [domain('i-1', 'off', 1)] });
    expect(entryOf(book, 'i-1')?.domain.power).toBe('off');
  });

  it('refuses a snapshot older than a command already obeyed and keeps its entries', () => {
    const book = new DesiredBook();
    book.beginResync();
    book.accept(ensure(5, 'i-1', 'on', 1));
    expect(book.completeResync({ epoch: 4, domains: [] })).toBe(false);
    expect(book.isKnown).toBe(false);
    expect(book.snapshot().has('i-1')).toBe(true);
  });

  it('learns an outstanding reboot from a snapshot when the reboot command was lost', () => {
    const book = new DesiredBook();
    book.completeResync({ epoch: 1, domains: [{ ...domain('i-1', 'on', 4), rebootGeneration: 4 }] });
    expect(entryOf(book, 'i-1')?.rebootGeneration).toBe(4);
    book.completeResync({ epoch: 1, domains: [domain('i-1', 'on', 4)] });
    expect(entryOf(book, 'i-1')?.rebootGeneration).toBe(4);
  });

  it('keeps pending reboots and forced power-offs across a snapshot', () => {
    const book = new DesiredBook();
    book.accept(ensure(1, 'i-1', 'on', 1));
    book.accept(ensure(1, 'i-2', 'on', 1));
    book.accept({ kind: 'reboot', epoch: 1, instanceId: 'i-1', generation: 2 });
    book.accept({ kind: 'destroy', epoch: 1, instanceId: 'i-2' });
    book.beginResync();
    book.completeResync({ epoch: 1, domains: [domain('i-1', 'on', 2), domain('i-2', 'off', 2)] });
    expect(entryOf(book, 'i-1')?.rebootGeneration).toBe(2);
    expect(entryOf(book, 'i-2')?.forceOff).toBe(true);
  });
});
