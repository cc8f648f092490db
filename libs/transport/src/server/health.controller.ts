import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HEALTH_ROUTE, type HealthReport } from '@ecs/contracts';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from './public-route';

/** What a process says about itself on `GET /healthz`. */
export interface HealthProbe {
  report(): HealthReport;
}

export const HEALTH_PROBE = Symbol('HealthProbe');

/** 200 while the process can serve, 503 otherwise: what container probes and `cluster:status` read. */
@Controller()
@PublicRoute()
export class HealthController {
  constructor(@Inject(HEALTH_PROBE) private readonly probe: HealthProbe) {}

  @Get(HEALTH_ROUTE)
  health(@Res({ passthrough: true }) reply: FastifyReply): HealthReport {
    const report = this.probe.report();
    void reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
