import { KeyedMutex } from './keyed-mutex';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('KeyedMutex', () => {
  it('runs tasks on one key one at a time, in call order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const gate = deferred();
    const first = mutex.run('i-a', async () => {
      log.push('first starts');
      await gate.promise;
      log.push('first ends');
    });
    const second = mutex.run('i-a', async () => {
      log.push('second runs');
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('lets different keys run side by side', async () => {
    const mutex = new KeyedMutex();
    const gate = deferred();
    const blocked = mutex.run('i-a', () => gate.promise);
    await expect(mutex.run('i-b', async () => 'done')).resolves.toBe('done');
    gate.resolve();
    await blocked;
  });

  it('releases the key when a task fails', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('i-a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('i-a', async () => 42)).resolves.toBe(42);
  });
});
