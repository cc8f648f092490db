import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Requires } from '../auth/roles';
import { CatalogOverviewQuery } from './catalog-overview.query';
import { SaleMatrixQuery } from './sale-matrix.query';
import { SaveInstanceFamilyUseCase } from './save-instance-family.use-case';
import { SaveInstanceTypeUseCase } from './save-instance-type.use-case';
import { SetPriceUseCase } from './set-price.use-case';
import { SetSaleStatusUseCase } from './set-sale-status.use-case';

@Controller('v1')
export class CatalogController {
  constructor(
    @Inject(SaleMatrixQuery) private readonly matrix: SaleMatrixQuery,
    @Inject(CatalogOverviewQuery) private readonly overview: CatalogOverviewQuery,
    @Inject(SetSaleStatusUseCase) private readonly saleStatus: SetSaleStatusUseCase,
    @Inject(SetPriceUseCase) private readonly price: SetPriceUseCase,
    @Inject(SaveInstanceFamilyUseCase) private readonly family: SaveInstanceFamilyUseCase,
    @Inject(SaveInstanceTypeUseCase) private readonly type: SaveInstanceTypeUseCase,
  ) {}

  @Get('sale-matrix') @Requires('viewer')
  saleMatrix() { return this.matrix.execute(); }

  @Get('catalog') @Requires('viewer')
  catalog() { return this.overview.execute(); }

  @Put('sale-specs/:zoneId/:instanceTypeId') @Requires('sales_admin')
  setSaleStatus(@CurrentActor() actor: Actor, @Param('zoneId') zoneId: string, @Param('instanceTypeId') typeId: string, @Body() body: unknown) { return this.saleStatus.execute(actor, zoneId, typeId, body); }

  @Put('prices/:instanceTypeId') @Requires('sales_admin')
  setPrice(@CurrentActor() actor: Actor, @Param('instanceTypeId') typeId: string, @Body() body: unknown) { return this.price.execute(actor, typeId, body); }

  @Put('instance-families/:familyId') @Requires('sales_admin')
  saveFamily(@CurrentActor() actor: Actor, @Param('familyId') familyId: string, @Body() body: unknown) { return this.family.execute(actor, familyId, body); }

  @Put('instance-types/:instanceTypeId') @Requires('sales_admin')
  saveType(@CurrentActor() actor: Actor, @Param('instanceTypeId') typeId: string, @Body() body: unknown) { return this.type.execute(actor, typeId, body); }
}
