import { EcsError } from '@ecs/domain';

/** Parameters by name; no prototype, so a parameter may be called `__proto__` or `constructor`. */
export type RpcParams = Record<string, string>;

export function emptyParams(): RpcParams {
  return Object.create(null) as RpcParams;
}

/**
 * Decodes `k=v&…` (a query string or an x-www-form-urlencoded body) into `into`. Strict where
 * URLSearchParams is lenient: malformed percent-encoding and a parameter given twice are rejected,
 * because the signature was computed over one unambiguous parameter set.
 */
export function decodeFormInto(encoded: string, into: RpcParams): void {
  if (encoded === '') return;
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    if (key in into) throw EcsError.invalid(key, 'the parameter is specified more than once.');
    into[key] = value;
  }
}

function decodeComponent(encoded: string): string {
  const spaced = encoded.includes('+') ? encoded.replace(/\+/g, ' ') : encoded;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new EcsError('InvalidParameter', 'The request contains malformed percent-encoding.');
  }
}
