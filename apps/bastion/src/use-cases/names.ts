import { z } from 'zod';
import { OPS_ROLES } from '@ecs/contracts';

/** Names that end up in audit rows, URLs and terminal prompts: a charset with nothing to escape. */
export const username = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, '2–32 lower-case letters, digits, ".", "_" or "-", starting with a letter');
export const groupName = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, '2–32 lower-case letters, digits, ".", "_" or "-", starting with a letter');
export const hostId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a host id: 1–64 letters, digits, ".", "_", ":" or "-"');
export const password = z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters');
export const opsRole = z.enum(OPS_ROLES);
export const BASTION_ROLES = ['admin', 'auditor'] as const;
export type BastionRole = (typeof BASTION_ROLES)[number];
export const bastionRole = z.enum(BASTION_ROLES);
