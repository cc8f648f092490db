import { Controller, Delete, Get, Header, Inject, Param } from '@nestjs/common';
import type { Principal } from '../../identity/principal';
import { KillSession } from '../../use-cases/sessions/kill-session.use-case';
import { ListSessions } from '../../use-cases/sessions/list-sessions.use-case';
import { ReplayRecording } from '../../use-cases/sessions/replay-recording.use-case';
import { Access, CurrentPrincipal } from '../access.guard';

@Controller('bastion/v1/sessions')
export class SessionsController {
  constructor(
    @Inject(ListSessions) private readonly listSessions: ListSessions,
    @Inject(KillSession) private readonly killSession: KillSession,
    @Inject(ReplayRecording) private readonly replay: ReplayRecording,
  ) {}

  @Get() @Access('staff')
  list() { return this.listSessions.execute(); }

  @Delete(':sessionId') @Access('staff')
  kill(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string) { return this.killSession.execute(principal, sessionId); }

  @Get(':sessionId/recording') @Access('any') @Header('content-type', 'application/x-asciicast; charset=utf-8')
  recording(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string) { return this.replay.execute(principal, sessionId); }
}
