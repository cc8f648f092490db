import type { ValueTransformer } from 'typeorm';

/** Epoch milliseconds in a BIGINT: MySQL drivers may hand BIGINTs back as strings. */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** JSON in a TEXT column, portable across SQLite and MySQL. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
