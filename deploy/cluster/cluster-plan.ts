import { defaultCatalogSeed } from '@ecs/persistence';

/** The five kinds of component process; `cluster.json` and `cluster:status` name them so. */
export type ClusterRole = 'openapi-gateway' | 'api-proxy' | 'business' | 'control' | 'host-agent';

/** Where each role's compiled entry point lives under dist/. */
export const ENTRY_POINTS: Record<ClusterRole, string> = {
  'openapi-gateway': 'apps/openapi-gateway/src/main.js',
  'api-proxy': 'apps/api-proxy/src/main.js',
  business: 'apps/business/src/main.js',
  control: 'apps/control/src/main.js',
  'host-agent': 'apps/host-agent/src/main.js',
};

export interface ProcessSpec {
  /** Unique in the cluster: gateway, api-proxy, business, control-1, host-agent-3 … */
  readonly name: string;
  readonly role: ClusterRole;
  /** The port its health endpoint answers on: the public port for the gateway, the internal one for the rest. */
  readonly port: number;
  /** Only what this process adds to the shared environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly hostId?: string;
}

export interface ClusterPlanOptions {
  readonly regionId: string;
  readonly controlReplicas: number;
  readonly hosts: number;
  /** One free port per process, gateway first, in plan order. */
  readonly ports: () => Promise<number>;
  readonly gatewayPort: number;
}

/**
 * The processes of a local cluster: one gateway, API proxy and business layer, `controlReplicas`
 * control replicas (one will lead) and `hosts` host agents spread round-robin over the region's
 * zones, each with its own port and identity.
 */
export async function planCluster(options: ClusterPlanOptions): Promise<ProcessSpec[]> {
  const zones = defaultCatalogSeed(options.regionId).zones.map((z) => z.zoneId);
  const internal = async (name: string, role: ClusterRole, env: Record<string, string> = {}, hostId?: string): Promise<ProcessSpec> => {
    const port = await options.ports();
    return { name, role, port, env: { ECS_INTERNAL_PORT: String(port), ...env }, ...(hostId ? { hostId } : {}) };
  };
  const specs: ProcessSpec[] = [];
  for (let n = 1; n <= options.controlReplicas; n++) specs.push(await internal(`control-${n}`, 'control', { ECS_CONTROL_ID: `control-${n}` }));
  specs.push(await internal('business', 'business'));
  specs.push(await internal('api-proxy', 'api-proxy'));
  for (let n = 0; n < options.hosts; n++) {
    const zoneId = zones[n % zones.length];
    const hostId = `host-${zoneId}-${String(Math.floor(n / zones.length) + 1).padStart(3, '0')}`;
    specs.push(await internal(`host-agent-${n + 1}`, 'host-agent', { ECS_HOST_ID: hostId, ECS_ZONE_ID: zoneId, ECS_HOST_RACK: `${zoneId}-rack-${(n % 4) + 1}` }, hostId));
  }
  specs.push({ name: 'gateway', role: 'openapi-gateway', port: options.gatewayPort, env: { ECS_GATEWAY_PORT: String(options.gatewayPort) } });
  return specs;
}
