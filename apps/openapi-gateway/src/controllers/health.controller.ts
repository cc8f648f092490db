import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService, type HealthReport } from '../services/health.service';

@Controller('healthz')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get()
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthReport {
    return this.health.report(reply);
  }
}
