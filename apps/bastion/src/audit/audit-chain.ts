import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditChainHead, BastionAuditRow } from '@ecs/persistence';
import type { AuditDetail, AuditEntry } from './audit-entry';

/** The hash the first row chains to. */
export const GENESIS_HASH = '0'.repeat(64);

const LIMITS = { actor: 64, action: 32, target: 128, outcome: 16 } as const;

/** JSON with sorted keys: the same detail always hashes the same, whichever order it was built in. */
export function canonicalDetail(detail: AuditDetail = {}): string {
  return JSON.stringify(Object.fromEntries(Object.keys(detail).sort().map((k) => [k, detail[k]])));
}

/**
 * Each row's hash is an HMAC over its own fields and its predecessor's hash. Editing, inserting or
 * removing a row breaks every hash after it, and without the key nobody can re-forge the tail.
 */
function rowHash(key: Buffer, row: Omit<BastionAuditRow, 'hash'>): string {
  const fields = [row.seq, row.at, row.actor, row.action, row.target, row.outcome, row.sessionId, row.detail, row.prevHash];
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

/** The row that appends `entry` after `head`. */
export function chainRow(key: Buffer, entry: AuditEntry, at: number, head: AuditChainHead | undefined): BastionAuditRow {
  const row = {
    seq: (head?.seq ?? 0) + 1,
    at,
    actor: entry.actor.slice(0, LIMITS.actor),
    action: entry.action,
    target: entry.target.slice(0, LIMITS.target),
    outcome: entry.outcome,
    sessionId: entry.sessionId ?? null,
    detail: canonicalDetail(entry.detail),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...row, hash: rowHash(key, row) };
}

export interface ChainVerdict {
  readonly ok: boolean;
  readonly entries: number;
  /** Sequence number and hash of the last row checked: record it elsewhere to detect a cut tail later. */
  readonly headSeq: number;
  readonly headHash: string;
  readonly firstBadSeq?: number;
  readonly problem?: string;
}

/** Walks rows in sequence order and stops believing at the first one that does not chain. */
export class ChainVerifier {
  private entries = 0;
  private head: AuditChainHead = { seq: 0, hash: GENESIS_HASH };
  private broken: { seq: number; problem: string } | undefined;

  constructor(private readonly key: Buffer) {}

  /** False once the chain is broken; later rows are not checked. */
  feed(row: BastionAuditRow): boolean {
    if (this.broken) return false;
    const problem = this.problemWith(row);
    if (problem) {
      this.broken = { seq: row.seq, problem };
      return false;
    }
    this.entries += 1;
    this.head = { seq: row.seq, hash: row.hash };
    return true;
  }

  /**
   * The verdict once every row up to the stored head was fed: a chain that stops short of the head
   * lost its tail (rows cut from the end leave every remaining hash intact).
   */
  verdictAgainst(stored: AuditChainHead | undefined): ChainVerdict {
    const expectedSeq = stored?.seq ?? 0;
    if (!this.broken && (this.head.seq !== expectedSeq || (stored !== undefined && stored.hash !== this.head.hash))) {
      this.broken = { seq: this.head.seq + 1, problem: `the log ends at row ${this.head.seq} but its head is row ${expectedSeq}` };
    }
    return this.verdict();
  }

  verdict(): ChainVerdict {
    const base = { ok: !this.broken, entries: this.entries, headSeq: this.head.seq, headHash: this.head.hash };
    return this.broken ? { ...base, firstBadSeq: this.broken.seq, problem: this.broken.problem } : base;
  }

  private problemWith(row: BastionAuditRow): string | undefined {
    if (row.seq !== this.head.seq + 1) return `row ${this.head.seq + 1} is missing`;
    if (row.prevHash !== this.head.hash) return `row ${row.seq} does not chain to row ${this.head.seq}`;
    const expected = Buffer.from(rowHash(this.key, row), 'hex');
    const stored = Buffer.from(row.hash, 'hex');
    if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) return `row ${row.seq} was altered`;
    return undefined;
  }
}
