import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Requires } from '../auth/roles';
import { FleetSnapshotQuery } from './fleet-snapshot.query';
import { SearchInstancesQuery } from './search-instances.query';

@Controller('v1')
@Requires('viewer')
export class FleetController {
  constructor(
    @Inject(FleetSnapshotQuery) private readonly fleet: FleetSnapshotQuery,
    @Inject(SearchInstancesQuery) private readonly instances: SearchInstancesQuery,
  ) {}

  @Get('fleet')
  snapshot() { return this.fleet.execute(); }

  @Get('instances')
  search(@Query() query: unknown) { return this.instances.execute(query); }
}
