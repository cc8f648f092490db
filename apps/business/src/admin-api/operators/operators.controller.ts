import { Body, Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { OperatorRepository } from '@ecs/persistence';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Requires } from '../auth/roles';
import { CreateOperatorUseCase } from './create-operator.use-case';
import { UpdateOperatorUseCase } from './update-operator.use-case';

@Controller('v1/operators')
@Requires('super_admin')
export class OperatorsController {
  constructor(
    @Inject(OperatorRepository) private readonly operators: OperatorRepository,
    @Inject(CreateOperatorUseCase) private readonly createOperator: CreateOperatorUseCase,
    @Inject(UpdateOperatorUseCase) private readonly updateOperator: UpdateOperatorUseCase,
  ) {}

  @Get()
  list() { return this.operators.list(); }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: unknown) { return this.createOperator.execute(actor, body); }

  @Patch(':username')
  update(@CurrentActor() actor: Actor, @Param('username') username: string, @Body() body: unknown) { return this.updateOperator.execute(actor, username, body); }
}
