/** The longest line the editor keeps; further keystrokes ring the bell. */
export const MAX_LINE = 1024;

export type EditorEvent =
  | { readonly kind: 'echo'; readonly text: string }
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'eof' };

type EscapeState = 'none' | 'esc' | 'csi' | 'ss3';

/**
 * The bastion's line discipline: it turns raw terminal keystrokes (from xterm.js or a raw-mode TTY)
 * into echo and complete lines, so the host only ever receives whole command lines. Editing is
 * deliberately small — backspace, ^U, ^C, ^D — and cursor keys and other escape sequences are
 * swallowed rather than half-interpreted.
 */
export class LineEditor {
  private buffer: string[] = [];
  private escape: EscapeState = 'none';
  private afterCr = false;

  press(input: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    const echo = (text: string) => {
      const last = events[events.length - 1];
      if (last?.kind === 'echo') events[events.length - 1] = { kind: 'echo', text: last.text + text };
      else events.push({ kind: 'echo', text });
    };
    for (const char of input) {
      const afterCr = this.afterCr;
      this.afterCr = false;
      if (this.escape !== 'none') {
        this.escape = nextEscapeState(this.escape, char);
        continue;
      }
      switch (char) {
        case '\x1b':
          this.escape = 'esc';
          break;
        case '\r':
        case '\n':
          if (char === '\n' && afterCr) break;
          this.afterCr = char === '\r';
          echo('\r\n');
          events.push({ kind: 'line', text: this.buffer.join('') });
          this.buffer = [];
          break;
        case '\x7f':
        case '\b':
          if (this.buffer.pop() !== undefined) echo('\b \b');
          break;
        case '\x15':
          echo('\b \b'.repeat(this.buffer.length));
          this.buffer = [];
          break;
        case '\x03':
          this.buffer = [];
          echo('^C\r\n');
          events.push({ kind: 'interrupt' });
          break;
        case '\x04':
          if (!this.buffer.length) events.push({ kind: 'eof' });
          break;
        default:
          if (char < ' ' || char === '\x9b') break;
          if (this.buffer.length >= MAX_LINE) echo('\x07');
          else {
            this.buffer.push(char);
            echo(char);
          }
      }
    }
    return events;
  }
}

/** ESC [ … final byte, ESC O x, ESC x: all consumed whole. */
function nextEscapeState(state: EscapeState, char: string): EscapeState {
  switch (state) {
    case 'esc':
      return char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'none';
    case 'csi':
      return char >= '@' && char <= '~' ? 'none' : 'csi';
    case 'ss3':
    case 'none':
      return 'none';
  }
}
