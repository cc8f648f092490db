/** Tells the gateway whether the platform behind it can take traffic (GET /healthz). */
export interface ReadinessProbe {
  isReady(): boolean;
}

export const READINESS_PROBE = Symbol('ReadinessProbe');
