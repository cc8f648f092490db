import type { z } from 'zod';
import { AdminError } from './admin-error';

/**
 * Turns untrusted input into a typed command, or an InvalidParameter naming the first bad field
 * (the console shows it next to that field).
 */
export function parseCommand<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  throw new AdminError('InvalidParameter', `${field}: ${issue.message}`, field);
}
