import { OPERATOR_ROLES } from '@ecs/contracts';
import { z } from 'zod';

/** Shared validation of operator fields, so the create and update forms report the same rules. */
export const username = z.string({ error: 'enter a username' }).regex(/^[a-z][a-z0-9_.-]{2,63}$/, '3–64 lower-case letters, digits, ".", "_" or "-", starting with a letter');
export const password = z.string({ error: 'enter a password' }).min(12, 'use at least 12 characters').max(256, 'use at most 256 characters');
export const role = z.enum(OPERATOR_ROLES, { error: `one of ${OPERATOR_ROLES.join(', ')}` });
