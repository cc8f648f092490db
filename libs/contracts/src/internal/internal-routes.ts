import type { ControlApi } from '../control/control-api';

/**
 * The internal HTTP API of each component, shared by its server and its callers' clients (an app
 * never imports another app). Every route is POST with a JSON body unless marked otherwise, and
 * every one needs the internal bearer token except `HEALTH_ROUTE`.
 */
export const INTERNAL_PREFIX = '/internal/v1';

/** Unauthenticated liveness/readiness, for probes and `cluster:status`. */
export const HEALTH_ROUTE = '/healthz';

/** api-proxy and business: one ApiCall in, its ApiResult out. */
export const DISPATCH_ROUTE = `${INTERNAL_PREFIX}/dispatch`;

/** control: one route per ControlApi method; the body is the method's single argument object. */
export const CONTROL_ROUTES = {
  launchInstances: `${INTERNAL_PREFIX}/control/launch-instances`,
  actOnInstances: `${INTERNAL_PREFIX}/control/act-on-instances`,
  describeInstances: `${INTERNAL_PREFIX}/control/describe-instances`,
  modifyInstanceAttribute: `${INTERNAL_PREFIX}/control/modify-instance-attribute`,
  modifyInstanceSpec: `${INTERNAL_PREFIX}/control/modify-instance-spec`,
  stock: `${INTERNAL_PREFIX}/control/stock`,
  createDeploymentSet: `${INTERNAL_PREFIX}/control/create-deployment-set`,
  describeDeploymentSets: `${INTERNAL_PREFIX}/control/describe-deployment-sets`,
  deleteDeploymentSet: `${INTERNAL_PREFIX}/control/delete-deployment-set`,
} as const satisfies Record<keyof ControlApi, string>;

/** Bodies of the ControlApi methods that take more than one argument (or a bare one). */
export interface StockRequest {
  readonly regionId: string;
}

export interface DeleteDeploymentSetRequest {
  readonly accountId: string;
  readonly regionId: string;
  readonly deploymentSetId: string;
}

/** control: a host's full desired state for its agent's resync (DesiredStateSource); body `{ hostId }`. */
export const DESIRED_STATE_ROUTE = `${INTERNAL_PREFIX}/control/desired-state`;

export interface DesiredStateRequest {
  readonly hostId: string;
}

/** host agent: one fenced HostCommand in, nothing out. */
export const HOST_COMMAND_ROUTE = `${INTERNAL_PREFIX}/host/commands`;
