/** The longest line the shell reads; longer input is no command it knows. */
export const MAX_LINE_LENGTH = 1024;

/**
 * Splits a line into words at blanks. There is no quoting, globbing, expansion or chaining: the
 * ops shell passes words to its own commands, never to a system shell, so none is needed.
 * @returns undefined when the line holds control characters or is too long.
 */
export function splitWords(line: string): string[] | undefined {
  // eslint-disable-next-line no-control-regex
  if (line.length > MAX_LINE_LENGTH || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) return undefined;
  return line.split(/[ \t]+/).filter((word) => word !== '');
}
