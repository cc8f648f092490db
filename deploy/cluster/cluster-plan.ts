import { defaultCatalogSeed } from '@ecs/persistence';

/** The kinds of component process; `cluster.json` and `cluster:status` name them so. */
export type ClusterRole = 'openapi-gateway' | 'api-proxy' | 'business' | 'control' | 'host-agent' | 'image-center' | 'metaserver' | 'bastion';

/** Where each role's compiled entry point lives under dist/. */
export const ENTRY_POINTS: Record<ClusterRole, string> = {
  'openapi-gateway': 'apps/openapi-gateway/src/main.js',
  'api-proxy': 'apps/api-proxy/src/main.js',
  business: 'apps/business/src/main.js',
  control: 'apps/control/src/main.js',
  'host-agent': 'apps/host-agent/src/main.js',
  'image-center': 'apps/image-center/src/main.js',
  metaserver: 'apps/metaserver/src/main.js',
  bastion: 'apps/bastion/src/main.js',
};

export interface ProcessSpec {
  /** Unique in the cluster: gateway, api-proxy, business, control-1, host-agent-3 … */
  readonly name: string;
  readonly role: ClusterRole;
  /** The port its health endpoint answers on: the public port for the gateway, the internal one for the rest. */
  readonly port: number;
  /** Only what this process adds to the shared environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The hypervisor host a host agent (or, with qemu, its metaserver) serves. */
  readonly hostId?: string;
}

export interface ClusterPlanOptions {
  readonly regionId: string;
  readonly controlReplicas: number;
  readonly hosts: number;
  /** With `qemu` every host also runs a metaserver beside its agent (sim guests never ask for metadata). */
  readonly hypervisor: 'sim' | 'qemu';
  /** One free port per process, gateway first, in plan order. */
  readonly ports: () => Promise<number>;
  readonly gatewayPort: number;
  /** The bastion's operator port; a free one when unset. */
  readonly bastionPort?: number;
}

/**
 * The processes of a local cluster: one gateway, API proxy, business layer and image center,
 * `controlReplicas` control replicas (one will lead) and `hosts` host agents spread round-robin
 * over the region's zones, each with its own port and identity; with qemu, a metaserver per host;
 * one ops bastion, which reaches the agents' ops shells over their internal HTTP API.
 */
export async function planCluster(options: ClusterPlanOptions): Promise<ProcessSpec[]> {
  const zones = defaultCatalogSeed(options.regionId).zones.map((z) => z.zoneId);
  const internal = async (name: string, role: ClusterRole, env: Record<string, string> = {}, hostId?: string): Promise<ProcessSpec> => {
    const port = await options.ports();
    return { name, role, port, env: { ECS_INTERNAL_PORT: String(port), ...env }, ...(hostId ? { hostId } : {}) };
  };
  const specs: ProcessSpec[] = [];
  for (let n = 1; n <= options.controlReplicas; n++) specs.push(await internal(`control-${n}`, 'control', { ECS_CONTROL_ID: `control-${n}` }));
  specs.push(await internal('image-center', 'image-center', { ECS_IMAGE_BLOB_PORT: String(await options.ports()) }));
  specs.push(await internal('business', 'business'));
  specs.push(await internal('api-proxy', 'api-proxy'));
  for (let n = 0; n < options.hosts; n++) {
    const zoneId = zones[n % zones.length];
    const hostId = `host-${zoneId}-${String(Math.floor(n / zones.length) + 1).padStart(3, '0')}`;
    specs.push(await internal(`host-agent-${n + 1}`, 'host-agent', { ECS_HOST_ID: hostId, ECS_ZONE_ID: zoneId, ECS_HOST_RACK: `${zoneId}-rack-${(n % 4) + 1}` }, hostId));
  }
  if (options.hypervisor === 'qemu') {
    // After the agents, so that the first spec naming a host id is its agent's.
    for (const agent of specs.filter((s) => s.role === 'host-agent')) {
      specs.push(await internal(agent.name.replace('host-agent', 'metaserver'), 'metaserver', { ECS_HOST_ID: agent.hostId ?? '' }, agent.hostId));
    }
  }
  // Its health is on the internal port; operators use ECS_BASTION_PORT.
  specs.push(await internal('bastion', 'bastion', { ECS_BASTION_PORT: String(options.bastionPort ?? (await options.ports())) }));
  specs.push({ name: 'gateway', role: 'openapi-gateway', port: options.gatewayPort, env: { ECS_GATEWAY_PORT: String(options.gatewayPort) } });
  return specs;
}
