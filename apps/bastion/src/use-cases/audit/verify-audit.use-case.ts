import type { BastionDeps } from '../../bastion-deps';
import type { ChainVerdict } from '../../audit/audit-chain';
import { actorOf, type Principal } from '../../identity/principal';

/** Recomputes the audit chain end to end and says whether, and where, it was tampered with. */
export class VerifyAudit {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal): Promise<ChainVerdict> {
    const verdict = await this.deps.audit.verify();
    await this.deps.audit.record({
      actor: actorOf(principal),
      action: 'audit.verify',
      target: 'audit-log',
      outcome: verdict.ok ? 'ok' : 'failed',
      detail: { entries: verdict.entries, headSeq: verdict.headSeq, firstBadSeq: verdict.firstBadSeq ?? null },
    });
    return verdict;
  }
}
