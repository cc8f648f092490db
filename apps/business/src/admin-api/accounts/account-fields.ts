import { z } from 'zod';

export const accountName = z.string({ error: 'enter a name' }).regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'use 1–64 letters, digits, ".", "_" or "-", starting with a letter');
export const accountId = z.string({ error: 'enter an account id' }).regex(/^[0-9]{1,32}$/, 'an account id is a number');
export const accessKeyId = z.string({ error: 'enter an AccessKey id' }).regex(/^[A-Za-z0-9]{16,64}$/, 'not an AccessKey id');
