export interface Acs3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`. Undefined when any
 * of the three parts is missing or empty, so the caller can answer IncompleteSignature.
 */
export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const space = header.indexOf(' ');
  if (space <= 0) return undefined;
  const algorithm = header.slice(0, space);
  let accessKeyId = '';
  let signedHeaders = '';
  let signature = '';
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 'Credential') accessKeyId = value;
    else if (name === 'SignedHeaders') signedHeaders = value;
    else if (name === 'Signature') signature = value;
  }
  if (accessKeyId === '' || signedHeaders === '' || signature === '') return undefined;
  return { algorithm, accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export function formatAcs3Authorization(authorization: Acs3Authorization): string {
  return `${authorization.algorithm} Credential=${authorization.accessKeyId},SignedHeaders=${authorization.signedHeaders.join(';')},Signature=${authorization.signature}`;
}
