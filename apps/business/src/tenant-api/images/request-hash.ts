import { canonicalJson, sha256Hex } from '../instances/launch/request-hash';

/** ClientToken's fingerprint of a write: the action and its normalised parameters (no token, no DryRun). */
export function imageRequestHash(action: string, fields: Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ action, ...fields }));
}
