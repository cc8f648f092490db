import { readFileSync } from 'node:fs';
import { TERMINAL_APP_SCRIPT, TERMINAL_PAGE } from './terminal-page';

/** The web terminal's files; xterm.js is served from the installed package, read once. */
export class TerminalAssets {
  private xterm: { script: string; styles: string } | undefined;

  page(): string {
    return TERMINAL_PAGE;
  }

  appScript(): string {
    return TERMINAL_APP_SCRIPT;
  }

  xtermScript(): string {
    return this.load().script;
  }

  xtermStyles(): string {
    return this.load().styles;
  }

  private load(): { script: string; styles: string } {
    this.xterm ??= {
      script: readFileSync(require.resolve('@xterm/xterm/lib/xterm.js'), 'utf8'),
      styles: readFileSync(require.resolve('@xterm/xterm/css/xterm.css'), 'utf8'),
    };
    return this.xterm;
  }
}
