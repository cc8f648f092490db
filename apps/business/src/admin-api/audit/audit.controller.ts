import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Requires } from '../auth/roles';
import { ListAuditQuery } from './list-audit.query';

@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(ListAuditQuery) private readonly list: ListAuditQuery) {}

  @Get() @Requires('viewer')
  entries(@Query() query: unknown) { return this.list.execute(query); }
}
