import { createInterface } from 'node:readline';

/** Asks on the terminal; with `hidden`, typed characters are not echoed (passwords). */
export function prompt(question: string, hidden: boolean): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return Promise.reject(new Error(`${question.trim()} needed, but stdin is not a terminal: pass it as an option`));
  if (!hidden) {
    const rl = createInterface({ input: stdin, output: stderr });
    return new Promise((resolve) => rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    }));
  }
  return new Promise((resolve, reject) => {
    let typed = '';
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(undefined);
        if (char === '\x03') return done(new Error('cancelled'));
        if (char === '\x7f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    const done = (error: Error | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    stdin.on('data', onData);
  });
}
