import { AsciicastRecorder, type RecordingSink } from './asciicast-recorder';

class MemorySink implements RecordingSink {
  readonly chunks: { chunkNo: number; body: string }[] = [];
  failing = false;

  async appendRecording(_sessionId: string, chunkNo: number, body: string): Promise<void> {
    if (this.failing) throw new Error('disk full');
    this.chunks.push({ chunkNo, body });
  }

  lines(): unknown[] {
    return this.chunks.map((c) => c.body).join('').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
  }
}

describe('AsciicastRecorder', () => {
  it('writes an asciicast v2 header, then timed output events, in numbered chunks', async () => {
    const sink = new MemorySink();
    let now = 1_700_000_000_500;
    const recorder = new AsciicastRecorder('bs-1', now, sink, () => now, () => undefined);
    recorder.start({ width: 100, height: 30, title: 'ada@h-1 (operator)' });
    now += 1_250;
    recorder.output('hello\r\n');
    recorder.output('');
    now += 250;
    recorder.output('$ ');
    await recorder.finish();
    recorder.output('after the end');
    expect(sink.lines()).toEqual([
      { version: 2, width: 100, height: 30, timestamp: 1_700_000_000, title: 'ada@h-1 (operator)', env: { TERM: 'xterm-256color' } },
      [1.25, 'o', 'hello\r\n'],
      [1.5, 'o', '$ '],
    ]);
    expect(sink.chunks.map((c) => c.chunkNo)).toEqual([0, 1]);
  });

  it('splits big output into several events and chunks without losing a character', async () => {
    const sink = new MemorySink();
    const recorder = new AsciicastRecorder('bs-2', 0, sink, () => 0, () => undefined);
    recorder.start({ width: 80, height: 24, title: 't' });
    const big = 'x'.repeat(9_001) + 'é'.repeat(9_000) + '🖥'.repeat(3_000);
    recorder.output(big);
    await recorder.finish();
    const events = sink.lines().slice(1) as [number, string, string][];
    expect(events.length).toBeGreaterThan(4);
    expect(events.map((e) => e[2]).join('')).toBe(big);
    for (const [, , data] of events) expect(data).toBe(Buffer.from(data, 'utf8').toString('utf8'));
    expect(sink.chunks.length).toBeGreaterThan(2);
    for (const chunk of sink.chunks) expect(chunk.body.length).toBeLessThan(12_000);
  });

  it('reports a lost chunk once, so the session can end rather than go on unrecorded', async () => {
    const sink = new MemorySink();
    const lost = jest.fn();
    const recorder = new AsciicastRecorder('bs-3', 0, sink, () => 0, lost);
    sink.failing = true;
    recorder.start({ width: 80, height: 24, title: 't' });
    recorder.output('a');
    await recorder.finish();
    expect(lost).toHaveBeenCalledTimes(1);
  });
});
