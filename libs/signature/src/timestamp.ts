const SIGNATURE_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/**
 * The UTC ISO-8601 form, without milliseconds, that both the RPC `Timestamp` parameter and the ACS3
 * `x-acs-date` header carry (`2024-01-31T08:00:00Z`).
 */
export function formatSignatureTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch milliseconds of a signature timestamp, or undefined when it is not a real UTC instant. */
export function parseSignatureTimestamp(value: string): number | undefined {
  const match = SIGNATURE_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0'));
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; a timestamp that does not round-trip is malformed.
  const back = new Date(epoch);
  const roundTrips =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  return roundTrips ? epoch : undefined;
}
