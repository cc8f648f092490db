import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangeOwnPasswordUseCase } from '../operators/change-own-password.use-case';
import type { Actor } from './actor';
import { CurrentActor, type AuthenticatedRequest } from './current-actor.decorator';
import { Public, Requires } from './roles';
import { SessionHttp } from './session-http';

@Controller('v1/session')
export class SessionController {
  constructor(
    @Inject(SessionHttp) private readonly sessions: SessionHttp,
    @Inject(ChangeOwnPasswordUseCase) private readonly changePassword: ChangeOwnPasswordUseCase,
  ) {}

  @Post() @Public() @HttpCode(200)
  login(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) { return this.sessions.open(body, request, reply); }

  @Get() @Requires('viewer')
  current(@CurrentActor() actor: Actor, @Req() request: FastifyRequest & AuthenticatedRequest) { return this.sessions.current(actor, request); }

  @Delete() @Requires('viewer')
  logout(@Req() request: FastifyRequest & AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) { return this.sessions.close(request, reply); }

  @Put('password') @Requires('viewer')
  password(@CurrentActor() actor: Actor, @Body() body: unknown) { return this.changePassword.execute(actor, body); }
}
