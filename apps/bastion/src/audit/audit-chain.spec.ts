import { randomBytes } from 'node:crypto';
import type { BastionAuditRow } from '@ecs/persistence';
import { ChainVerifier, GENESIS_HASH, canonicalDetail, chainRow } from './audit-chain';
import type { AuditEntry } from './audit-entry';

const key = randomBytes(32);

function chain(entries: AuditEntry[]): BastionAuditRow[] {
  const rows: BastionAuditRow[] = [];
  for (const [i, entry] of entries.entries()) rows.push(chainRow(key, entry, 1_000 + i, rows.at(-1)));
  return rows;
}

function verify(rows: BastionAuditRow[], withKey = key) {
  const verifier = new ChainVerifier(withKey);
  for (const row of rows) if (!verifier.feed(row)) break;
  return verifier.verdict();
}

const entries: AuditEntry[] = [
  { actor: 'ada', action: 'login.totp', target: 'ada', outcome: 'ok' },
  { actor: 'ada', action: 'session.open', target: 'h-1', outcome: 'ok', sessionId: 'bs-1', detail: { role: 'operator' } },
  { actor: 'ada', action: 'command', target: 'h-1', outcome: 'blocked', sessionId: 'bs-1', detail: { line: 'bash', rule: 'shell-or-escape' } },
  { actor: 'ada', action: 'session.close', target: 'h-1', outcome: 'ok', sessionId: 'bs-1', detail: { reason: 'user-exit' } },
];

describe('the audit hash chain', () => {
  it('links each row to the one before, from the genesis hash', () => {
    const rows = chain(entries);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(verify(rows)).toEqual({ ok: true, entries: 4, headSeq: 4, headHash: rows[3].hash });
    expect(verify([])).toEqual({ ok: true, entries: 0, headSeq: 0, headHash: GENESIS_HASH });
  });

  it('pins an edited field of any row', () => {
    const fields: (keyof BastionAuditRow)[] = ['at', 'actor', 'action', 'target', 'outcome', 'sessionId', 'detail'];
    for (const field of fields) {
      const rows = chain(entries);
      const edited = { ...rows[2], [field]: field === 'at' ? 7 : field === 'detail' ? canonicalDetail({ line: 'ls' }) : 'changed' };
      rows[2] = edited;
      expect(verify(rows)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'row 3 was altered', headSeq: 2 });
    }
  });

  it('notices a deleted, inserted or reordered row, and a rewrite without the key', () => {
    const rows = chain(entries);
    expect(verify([rows[0], rows[1], rows[3]])).toMatchObject({ ok: false, problem: 'row 3 is missing' });
    expect(verify(rows.slice(1))).toMatchObject({ ok: false, problem: 'row 1 is missing' });
    const forged = chainRow(key, { actor: 'mallory', action: 'command', target: 'h-1', outcome: 'ok' }, 5, rows[1]);
    expect(verify([rows[0], rows[1], forged, { ...rows[2], seq: 4 }])).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(verify([rows[1], rows[0]])).toMatchObject({ ok: false });
    const rewritten = chain(entries).map((r) => r);
    expect(verify(rewritten, randomBytes(32))).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('notices rows cut from the end by comparing with the stored head', () => {
    const rows = chain(entries);
    const whole = new ChainVerifier(key);
    rows.forEach((r) => whole.feed(r));
    expect(whole.verdictAgainst({ seq: 4, hash: rows[3].hash })).toMatchObject({ ok: true, entries: 4 });
    const cut = new ChainVerifier(key);
    rows.slice(0, 2).forEach((r) => cut.feed(r));
    expect(cut.verdictAgainst({ seq: 4, hash: rows[3].hash })).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'the log ends at row 2 but its head is row 4' });
    expect(new ChainVerifier(key).verdictAgainst({ seq: 1, hash: rows[0].hash })).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(new ChainVerifier(key).verdictAgainst(undefined)).toMatchObject({ ok: true, entries: 0 });
  });

  it('hashes details independently of key order and truncates over-long fields to the columns', () => {
    expect(canonicalDetail({ b: 1, a: 'x' })).toBe(canonicalDetail({ a: 'x', b: 1 }));
    const row = chainRow(key, { actor: 'a'.repeat(100), action: 'command', target: 't'.repeat(300), outcome: 'ok' }, 1, undefined);
    expect(row.actor).toHaveLength(64);
    expect(row.target).toHaveLength(128);
  });
});
