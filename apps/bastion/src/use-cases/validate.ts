import type { z } from 'zod';
import { BastionError } from '../errors/bastion-error';

/** Parses a command's raw input, turning the first problem into a 400 that names the field. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new BastionError('InvalidParameter', `${field}: ${issue?.message ?? 'not valid'}`);
}
