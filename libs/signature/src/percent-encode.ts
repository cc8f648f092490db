const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

/**
 * RFC 3986 percent-encoding as Alibaba Cloud signs it: only unreserved characters stay literal, UTF-8
 * bytes are upper-case %XX. encodeURIComponent already keeps `~` and never emits `+` (a space becomes
 * %20), so only `!'()*` need the extra step. Throws URIError on a lone surrogate, which no signed
 * request can carry.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(LEFT_BY_ENCODE_URI_COMPONENT, escapeReserved);
}

function escapeReserved(character: string): string {
  return '%' + character.charCodeAt(0).toString(16).toUpperCase();
}
