import { ApiError } from '../api/client';

/** Splits a failed save into a message for one field (when the server named it) or for the form. */
export function errorsOf(error: unknown): { field?: string; fieldMessage?: string; form?: string } {
  if (error instanceof ApiError && error.field) return { field: error.field, fieldMessage: error.message.replace(`${error.field}: `, '') };
  return { form: error instanceof Error ? error.message : String(error) };
}
