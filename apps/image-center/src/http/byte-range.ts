/** An inclusive byte range [start, end] of a blob. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export type RangeRequest = { readonly kind: 'whole' } | { readonly kind: 'range'; readonly range: ByteRange } | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/**
 * RFC 9110 Range for a blob of `size` bytes: one `bytes=a-b`, `bytes=a-` or `bytes=-n` range. Other
 * units and multiple ranges are answered with the whole blob, which the RFC allows; a range that
 * starts past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { start, end } };
}
