import type { BastionAuditRepository, BastionAuditRow } from '@ecs/persistence';
import { ChainVerifier, chainRow, type ChainVerdict } from './audit-chain';
import type { AuditEntry } from './audit-entry';

const VERIFY_PAGE = 500;

/**
 * The bastion's audit trail. Appends are queued one at a time in this process (the repository
 * also copes with other replicas), and a failure to append rejects: callers fail closed.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repository: BastionAuditRepository,
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  record(entry: AuditEntry): Promise<BastionAuditRow> {
    const appended = this.queue.then(() => this.repository.append((head) => chainRow(this.key, entry, this.now(), head)));
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  page(afterSeq: number, limit: number): Promise<BastionAuditRow[]> {
    return this.repository.page(afterSeq, limit);
  }

  /** Recomputes the whole chain from the first row up to the stored head; rows appended meanwhile wait for the next check. */
  async verify(): Promise<ChainVerdict> {
    const head = await this.repository.head();
    const verifier = new ChainVerifier(this.key);
    for (let after = 0; ; ) {
      const rows = (await this.repository.page(after, VERIFY_PAGE)).filter((row) => row.seq <= (head?.seq ?? 0));
      for (const row of rows) if (!verifier.feed(row)) return verifier.verdict();
      if (rows.length < VERIFY_PAGE) return verifier.verdictAgainst(head);
      after = rows[rows.length - 1].seq;
    }
  }
}
