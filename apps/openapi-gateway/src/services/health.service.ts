import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READINESS_PROBE, type ReadinessProbe } from '../readiness-probe';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
}

@Injectable()
export class HealthService {
  constructor(@Inject(READINESS_PROBE) private readonly readiness: ReadinessProbe) {}

  /** 200 when ready, 503 otherwise, so a load balancer stops sending traffic to a gateway whose backend is down. */
  report(reply: FastifyReply): HealthReport {
    const ready = this.readiness.isReady();
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable' };
  }
}
