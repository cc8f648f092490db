import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { terminalCloseReason } from '@ecs/contracts';

/** Exit codes: the session ended normally, could not open, or the bastion ended it (killed, revoked…). */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_ENDED_BY_BASTION = 3;

const END_OF_INPUT = '\x04';

/**
 * Joins the local terminal to a bastion session. On a TTY the terminal goes raw and every keystroke
 * goes to the bastion, which echoes and edits lines itself; otherwise (pipes, scripts) stdin is
 * read line by line, end of input ends the session, and output has plain newlines.
 */
export function runTerminal(wsUrl: string): Promise<number> {
  const { stdin, stdout, stderr } = process;
  const raw = stdin.isTTY;
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl);
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => {
        stderr.write(`connection refused (${response.statusCode ?? '?'}): ${body}\n`);
        resolve(EXIT_REFUSED);
      });
    });
    ws.on('error', (error) => {
      stderr.write(`connection failed: ${error.message}\n`);
      resolve(EXIT_REFUSED);
    });
    ws.on('open', () => {
      if (raw) {
        stdin.setRawMode(true);
        stdin.resume();
        stdin.on('data', (data: Buffer) => ws.send(data.toString('utf8')));
      } else {
        const lines = createInterface({ input: stdin, terminal: false });
        lines.on('line', (line) => ws.send(`${line}\r`));
        lines.on('close', () => {
          if (ws.readyState === WebSocket.OPEN) ws.send(END_OF_INPUT);
        });
      }
    });
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      stdout.write(raw ? text : text.replace(/\r\n/g, '\n'));
    });
    ws.on('close', (code, reasonBytes) => {
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      const reason = terminalCloseReason(code) ?? reasonBytes.toString('utf8');
      if (code === 1000) return resolve(EXIT_OK);
      stderr.write(`\n[session ended by the bastion: ${reason || code}]\n`);
      resolve(EXIT_ENDED_BY_BASTION);
    });
  });
}
