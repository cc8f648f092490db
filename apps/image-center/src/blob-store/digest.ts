const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A blob's name: the lower-case hex SHA-256 of its bytes. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
