import { removeConsoleSymbols } from './console-symbols';

describe('removeConsoleSymbols', () => {
  it('strips colours, cursor moves, titles and stray controls, keeping text, tabs and newlines', () => {
    const raw = '\x1b[0;32m[  OK  ]\x1b[0m Started\tsshd.\r\n\x1b]0;title\x07login: \x1b[2K\x1b[1Gready\x08\x00\n\x1bc\x1b(B\x1b7done';
    expect(removeConsoleSymbols(raw)).toBe('[  OK  ] Started\tsshd.\nlogin: ready\ndone');
  });

  it('leaves plain text alone', () => {
    const text = 'Linux version 6.6\nWelcome to tinylinux\n';
    expect(removeConsoleSymbols(text)).toBe(text);
  });
});
