import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '../../identity/principal';
import { ListAudit } from '../../use-cases/audit/list-audit.use-case';
import { VerifyAudit } from '../../use-cases/audit/verify-audit.use-case';
import { Access, CurrentPrincipal } from '../access.guard';

@Controller('bastion/v1/audit')
@Access('auditor')
export class AuditController {
  constructor(
    @Inject(ListAudit) private readonly listAudit: ListAudit,
    @Inject(VerifyAudit) private readonly verifyAudit: VerifyAudit,
  ) {}

  @Get()
  list(@Query() query: unknown) { return this.listAudit.execute(query); }

  @Get('verify')
  verify(@CurrentPrincipal() principal: Principal) { return this.verifyAudit.execute(principal); }
}
