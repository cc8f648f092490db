import { LineEditor, MAX_LINE, type EditorEvent } from './line-editor';

function lines(events: EditorEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
}

function echo(events: EditorEvent[]): string {
  return events.map((e) => (e.kind === 'echo' ? e.text : '')).join('');
}

describe('LineEditor', () => {
  it('echoes keystrokes and hands over whole lines on Enter, whatever the line ending', () => {
    const editor = new LineEditor();
    const events = editor.press('virsh list\r');
    expect(echo(events)).toBe('virsh list\r\n');
    expect(lines(events)).toEqual(['virsh list']);
    expect(lines(editor.press('df\r\nfree\nuptime\r'))).toEqual(['df', 'free', 'uptime']);
    expect(lines(new LineEditor().press('a\r').concat(new LineEditor().press('\n')))).toEqual(['a', '']);
  });

  it('keeps lines across chunks and edits them: backspace, ^U', () => {
    const editor = new LineEditor();
    expect(editor.press('virsh lisx')).toEqual([{ kind: 'echo', text: 'virsh lisx' }]);
    const events = editor.press('\x7ft\r');
    expect(echo(events)).toBe('\b \bt\r\n');
    expect(lines(events)).toEqual(['virsh list']);
    expect(lines(editor.press('rm -rf /\x15df\r'))).toEqual(['df']);
    expect(editor.press('\x7f')).toEqual([]);
  });

  it('swallows escape sequences and stray control characters rather than half-interpreting them', () => {
    const editor = new LineEditor();
    expect(lines(editor.press('up\x1b[A\x1b[1;5D\x1bOB\x1bx\t\x07time\r'))).toEqual(['uptime']);
    expect(lines(editor.press('\x1b['))).toEqual([]);
    expect(lines(editor.press('2~df\r'))).toEqual(['df']);
  });

  it('turns ^C into an abandoned line and ^D on an empty line into end of input', () => {
    const editor = new LineEditor();
    expect(editor.press('bash\x03')).toEqual([{ kind: 'echo', text: 'bash^C\r\n' }, { kind: 'interrupt' }]);
    expect(editor.press('x\x04')).toEqual([{ kind: 'echo', text: 'x' }]);
    expect(editor.press('\x15\x04')).toEqual([{ kind: 'echo', text: '\b \b' }, { kind: 'eof' }]);
  });

  it('rings the bell instead of growing a line past its limit', () => {
    const editor = new LineEditor();
    editor.press('a'.repeat(MAX_LINE));
    expect(editor.press('b')).toEqual([{ kind: 'echo', text: '\x07' }]);
    expect(lines(editor.press('\r'))[0]).toHaveLength(MAX_LINE);
  });
});
