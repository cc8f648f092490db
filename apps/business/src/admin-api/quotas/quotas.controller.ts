import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Requires } from '../auth/roles';
import { ListQuotasQuery } from './list-quotas.query';
import { SetQuotaUseCase } from './set-quota.use-case';

@Controller('v1/quotas')
export class QuotasController {
  constructor(
    @Inject(ListQuotasQuery) private readonly list: ListQuotasQuery,
    @Inject(SetQuotaUseCase) private readonly setQuota: SetQuotaUseCase,
  ) {}

  @Get() @Requires('viewer')
  quotas() { return this.list.execute(); }

  @Put(':accountId') @Requires('sales_admin')
  set(@CurrentActor() actor: Actor, @Param('accountId') accountId: string, @Body() body: unknown) { return this.setQuota.execute(actor, accountId, body); }
}
