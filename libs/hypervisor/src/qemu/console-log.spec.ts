import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleLog } from './console-log';

describe('ConsoleLog', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-log-spec-'));
    path = join(dir, 'console.log');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps what the guest printed, in memory and on disk', async () => {
    const log = await ConsoleLog.open(path, 1024);
    log.append(Buffer.from('SeaBIOS\r\n'));
    log.append(Buffer.from('ecs-init: ready\r\n'));
    await log.flush();
    expect(log.text()).toBe('SeaBIOS\r\necs-init: ready\r\n');
    expect(await readFile(path, 'utf8')).toBe('SeaBIOS\r\necs-init: ready\r\n');
  });

  it('shows at most the limit, starting at a whole line', async () => {
    const log = await ConsoleLog.open(path, 16);
    log.append(Buffer.from('first line\nsecond\nthird\n'));
    expect(log.text()).toBe('second\nthird\n');
    expect(Buffer.byteLength(log.text())).toBeLessThanOrEqual(16);
  });

  it('never lets the file grow past twice the limit, however much the guest prints', async () => {
    const log = await ConsoleLog.open(path, 100);
    for (let n = 0; n < 200; n += 1) log.append(Buffer.from(`line ${n}\n`));
    await log.flush();
    const onDisk = await readFile(path, 'utf8');
    expect(Buffer.byteLength(onDisk)).toBeLessThanOrEqual(200);
    expect(onDisk.endsWith('line 199\n')).toBe(true);
    expect(log.text().endsWith('line 199\n')).toBe(true);
  });

  it('picks up the file a previous driver left, trimmed to the limit', async () => {
    await writeFile(path, 'old boot\n'.repeat(50));
    const log = await ConsoleLog.open(path, 40);
    log.append(Buffer.from('new boot\n'));
    await log.flush();
    expect(log.text()).toBe('old boot\nold boot\nold boot\nnew boot\n');
    // The file was cut to the last 40 bytes on open (mid-line: only reads start at a line), then appended to.
    expect(await readFile(path, 'utf8')).toBe(`oot\n${'old boot\n'.repeat(4)}new boot\n`);
  });

  it('reports a failed write once, on flush, and keeps the text', async () => {
    const log = await ConsoleLog.open(join(dir, 'missing-folder', 'console.log'), 1024);
    log.append(Buffer.from('hello\n'));
    await expect(log.flush()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(log.flush()).resolves.toBeUndefined();
    expect(log.text()).toBe('hello\n');
  });
});
