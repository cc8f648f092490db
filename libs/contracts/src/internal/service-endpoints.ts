/**
 * Service discovery: each server process announces itself as an ephemeral member of a coordinator
 * group (ZooKeeper in a cluster), so callers find live peers without static addresses and a dead
 * process drops out when its session ends.
 */
export const SERVICE_GROUPS = {
  apiProxy: 'service-api-proxy',
  business: 'service-business',
  control: 'service-control',
  /** Host agents, as HostRegistration (the address is the agent's command endpoint). */
  hosts: 'hosts',
  /** The image center, as ImageCenterEndpoint. */
  imageCenter: 'service-image-center',
  /** One metaserver per hypervisor host, as MetaServerEndpoint, member id = host id. */
  metaserver: 'service-metaserver',
} as const;

/** What a member of a service group publishes. */
export interface ServiceEndpoint {
  /** Base URL of the process's internal HTTP server, e.g. http://10.0.0.7:7001. */
  readonly url: string;
  readonly pid: number;
}

/** A business layer serves one region; the API proxy routes by it. */
export interface BusinessEndpoint extends ServiceEndpoint {
  readonly regionId: string;
}

/** A control replica; callers send leader-only work to the member leading with the highest epoch. */
export interface ControlEndpoint extends ServiceEndpoint {
  readonly candidateId: string;
  readonly leading: boolean;
  readonly epoch: number | undefined;
}

/** What `GET /healthz` answers on every internal server. */
export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly service: string;
  readonly pid: number;
  /** control only: whether this replica leads, and with which fencing epoch. */
  readonly leading?: boolean;
  readonly epoch?: number;
}
