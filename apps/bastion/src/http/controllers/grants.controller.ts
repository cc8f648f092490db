import { Body, Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import type { Principal } from '../../identity/principal';
import { CreateGrant } from '../../use-cases/grants/create-grant.use-case';
import { ListGrants } from '../../use-cases/grants/list-grants.use-case';
import { RevokeGrant } from '../../use-cases/grants/revoke-grant.use-case';
import { Access, CurrentPrincipal } from '../access.guard';

@Controller('bastion/v1/grants')
@Access('admin')
export class GrantsController {
  constructor(
    @Inject(CreateGrant) private readonly createGrant: CreateGrant,
    @Inject(ListGrants) private readonly listGrants: ListGrants,
    @Inject(RevokeGrant) private readonly revokeGrant: RevokeGrant,
  ) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) { return this.createGrant.execute(principal, body); }

  @Get()
  list() { return this.listGrants.execute(); }

  @Delete(':grantId')
  revoke(@CurrentPrincipal() principal: Principal, @Param('grantId') grantId: string) { return this.revokeGrant.execute(principal, grantId); }
}
