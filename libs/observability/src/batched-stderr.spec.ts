import { BatchedStderr } from './batched-stderr';
import * as fs from 'node:fs';

jest.mock('node:fs', () => ({ ...jest.requireActual<typeof fs>('node:fs'), writeSync: jest.fn() }));

describe('BatchedStderr', () => {
  it('writes the lines of one event-loop turn with one system call, in order', async () => {
    const writeSync = fs.writeSync as unknown as jest.Mock;
    writeSync.mockClear();
    const out = new BatchedStderr();
    out.write('{"a":1}');
    out.write('{"b":2}');
    expect(writeSync).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writeSync).toHaveBeenCalledTimes(1);
    expect(writeSync).toHaveBeenCalledWith(2, '{"a":1}\n{"b":2}\n');
    out.write('{"c":3}');
    out.flush();
    expect(writeSync).toHaveBeenLastCalledWith(2, '{"c":3}\n');
  });
});
