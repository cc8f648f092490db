/** Bad command-line input (flags, trace files): reported as one line, without a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
